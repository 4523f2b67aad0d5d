using System.CommandLine;
using System.Text.Json;
using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Networks;
using SpikeCore.Output;
using SpikeCore.Recording;
using SpikeCore.Running;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore run &lt;network.json|name&gt;</c>: simulates and writes spikes, traces, a summary and plots.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var network = new Argument<string>("network") { Description = "A network file (networks/*.json) or a built-in name (cuba, coba, cobahh, stdp-pattern, stp, hh-steps, neuristor)" };
        var duration = new Option<double>("--duration-ms") { Description = "Simulated time", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong?>("--seed") { Description = "Override the network's seed" };
        var output = new Option<string?>("--out") { Description = "Output folder (default: out/<network>)" };
        var traces = new Option<int>("--trace-neurons") { Description = "Record the membrane of this many neurons of each population", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var threads = new Option<int>("--threads") { Description = "Partitions (threads) to run on; the results are the same for any count", DefaultValueFactory = _ => 1 };
        var command = new Command("run", "Simulate a network; write spikes (CSV, Parquet), traces, summary.json and PNG plots")
        {
            network, duration, seed, output, traces, json, threads,
        };
        command.SetAction((parse, cancel) => ExecuteAsync(
            parse.GetValue(network)!, parse.GetValue(duration), parse.GetValue(seed), parse.GetValue(output), parse.GetValue(traces), parse.GetValue(json), parse.GetValue(threads)));
        return command;
    }

    private static async Task<int> ExecuteAsync(string name, double durationMs, ulong? seed, string? outDir, int traceNeurons, bool json, int threads)
    {
        if (threads < 1)
        {
            Console.Error.WriteLine($"run: --threads must be >= 1 (got {threads})");
            return 2;
        }

        NetworkSpec spec = NetworkCatalog.Resolve(name, seed);
        Network net = NetworkBuilder.FromSpec(spec).Build();
        using var sim = new Simulation(net, new SimulationOptions { Threads = threads }); // what threads cannot run yet is refused by name (exit 2)
        string folder = outDir ?? Path.Combine("out", Path.GetFileNameWithoutExtension(name));
        Directory.CreateDirectory(folder);

        var recorders = new List<StateRecorder>();
        foreach (PopulationInfo p in net.Populations)
        {
            // The membrane of neurons (v_mv, or the model's first state variable); sources have no receptors and no membrane.
            if (traceNeurons > 0 && p.Model.Receptors.Count > 0)
            {
                string variable = p.Model.StateVariables.Contains("v_mv") ? "v_mv" : p.Model.StateVariables[0];
                double interval = p.Model.ClockStepMs > 0 ? Math.Max(0.1, p.Model.ClockStepMs) : 0.1;
                recorders.Add(sim.RecordState(p.Name, Enumerable.Range(0, Math.Min(traceNeurons, p.Size)), variable, interval));
            }
        }

        var plasticity = new PlasticityOutputs(sim);
        Progress.Run($"simulating {name} for {durationMs} ms", !json, progress =>
        {
            if (!plasticity.Learns)
            {
                sim.Run(durationMs, progress);
                return;
            }

            // Learning networks run in 200 pieces (exactly the same run) so the weights can be sampled as they evolve.
            plasticity.Sample();
            for (int k = 1; k <= 200; k++)
            {
                sim.Run(durationMs / 200);
                plasticity.Sample();
                progress?.Report(k / 200.0);
            }
        });
        SpikeRecorder spikes = sim.Spikes!;
        SpikeFiles.WriteCsv(spikes, net, Path.Combine(folder, "spikes.csv"));
        await SpikeFiles.WriteParquetAsync(spikes, net, Path.Combine(folder, "spikes.parquet"));
        Plots.Raster(spikes, net, 0, durationMs, Path.Combine(folder, "raster.png"));
        if (recorders.Count > 0)
        {
            TraceFiles.WriteCsv(recorders, Path.Combine(folder, "traces.csv"));
            await TraceFiles.WriteParquetAsync(recorders, Path.Combine(folder, "traces.parquet"));
            Plots.Traces(recorders, Path.Combine(folder, "traces.png"));
        }

        List<string> plasticFiles = plasticity.Write(folder);
        var result = BenchResult.From(name, net, sim, durationMs, sim.Statistics);
        await File.WriteAllTextAsync(Path.Combine(folder, "summary.json"), JsonSerializer.Serialize(result, CliJson.Options));
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(result, CliJson.Options));
        }
        else
        {
            BenchResult.PrintTable(result);
            string traceFiles = recorders.Count > 0 ? ", traces.csv, traces.parquet, traces.png" : "";
            string plastic = plasticFiles.Count > 0 ? ", " + string.Join(", ", plasticFiles) : "";
            Console.WriteLine($"wrote {folder}/: spikes.csv, spikes.parquet, raster.png{traceFiles}{plastic}, summary.json");
        }

        return 0;
    }
}
