using System.CommandLine;
using System.Text.Json;
using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Mpi;
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
        var duration = new Option<double>("--duration-ms") { Description = "Simulated time", DefaultValueFactory = _ => 1000 }.Within(0.0, 1e12);
        var seed = new Option<ulong?>("--seed") { Description = "Override the network's seed" };
        var output = new Option<string?>("--out") { Description = "Output folder (default: out/<network>)" };
        var traces = new Option<int>("--trace-neurons") { Description = "Record the membrane of this many neurons of each population", DefaultValueFactory = _ => 3 }.Within(0, 100_000);
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var every = new Option<double?>("--checkpoint-every") { Description = "Save a checkpoint every this many simulated ms, and at the end" }.Within(0.001, 1e12);
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file to save (default: <out>/checkpoint.spkc)" };
        var resume = new Option<string?>("--resume") { Description = "Continue the run saved in this checkpoint up to --duration-ms (same network, seed, --partitions and MPI processes; any --threads); the outputs are those of the whole run" };
        var parallel = new ParallelOptions();
        var command = new Command("run", "Simulate a network; write spikes (CSV, Parquet), traces, summary.json and PNG plots")
        {
            network, duration, seed, output, traces, json, every, checkpoint, resume,
        };
        parallel.AddTo(command);
        command.SetAction((parse, cancel) => ExecuteAsync(
            parse.GetValue(network)!, parse.GetValue(duration), parse.GetValue(seed), parse.GetValue(output), parse.GetValue(traces), parse.GetValue(json), parallel.Read(parse),
            new Checkpointing(parse.GetValue(every), parse.GetValue(checkpoint), parse.GetValue(resume))));
        return command;
    }

    /// <summary>More checkpoints than this in one run are refused (each writes the whole state).</summary>
    private const int MaxCheckpoints = 100_000;

    /// <summary>The checkpoint options of one run.</summary>
    private sealed record Checkpointing(double? EveryMs, string? File, string? Resume);

    private static async Task<int> ExecuteAsync(string name, double durationMs, ulong? seed, string? outDir, int traceNeurons, bool json, ParallelOptions.Choice parallel, Checkpointing checkpoints)
    {
        NetworkSpec spec = NetworkCatalog.Resolve(name, seed);
        Network net = NetworkBuilder.FromSpec(spec).Build();
        using MpiProcessGroup? group = parallel.StartProcesses();
        SimulationOptions options = parallel.Options(group); // what partitions cannot run is refused by name (exit 2)
        bool lead = group is null || group.Rank == 0;
        using Simulation sim = checkpoints.Resume is { } resume ? Simulation.Load(resume, net, options) : new Simulation(net, options);
        string? refusal = !(sim.TimeMs < durationMs) ? (checkpoints.Resume is null ? "--duration-ms must be > 0" : $"the checkpoint is at t = {sim.TimeMs} ms, not before --duration-ms {durationMs}")
            : durationMs > sim.MaxTimeMs ? $"--duration-ms {durationMs} is beyond the longest run of this network, {sim.MaxTimeMs:G6} ms"
            : (durationMs - sim.TimeMs) / checkpoints.EveryMs > MaxCheckpoints ? $"--checkpoint-every {checkpoints.EveryMs} ms would save more than {MaxCheckpoints} checkpoints"
            : null;
        if (refusal is not null)
        {
            Console.Error.WriteLine($"run: {refusal}");
            return 2;
        }

        string folder = outDir ?? Path.Combine("out", Path.GetFileNameWithoutExtension(name));
        Directory.CreateDirectory(folder);
        string checkpointFile = checkpoints.File ?? Path.Combine(folder, "checkpoint.spkc");
        if (checkpoints.Resume is null)
        {
            foreach (PopulationInfo p in net.Populations)
            {
                // The membrane of neurons (v_mv, or the model's first state variable); sources have no receptors and no membrane.
                if (traceNeurons > 0 && p.Model.Receptors.Count > 0)
                {
                    string variable = p.Model.StateVariables.Contains("v_mv") ? "v_mv" : p.Model.StateVariables[0];
                    double interval = p.Model.ClockStepMs > 0 ? Math.Max(0.1, p.Model.ClockStepMs) : 0.1;
                    sim.RecordState(p.Name, Enumerable.Range(0, Math.Min(traceNeurons, p.Size)), variable, interval);
                }
            }
        }

        List<StateRecorder> recorders = [.. sim.StateRecorders]; // a resumed run's come from the checkpoint
        var plasticity = new PlasticityOutputs(sim);
        double startMs = sim.TimeMs;
        int saves = 0;
        Progress.Run($"simulating {name} {(startMs > 0 ? $"from {startMs} " : "")}to {durationMs} ms", lead && !json, progress =>
        {
            if (plasticity.Learns && startMs == 0)
            {
                plasticity.Sample();
            }

            // Stopping never changes a run, so it stops wherever something is due: progress, a weight sample, a checkpoint.
            foreach ((double t, bool sample, bool save) in Stops(startMs, durationMs, plasticity.Learns, checkpoints.EveryMs))
            {
                sim.RunTo(t);
                if (sample)
                {
                    plasticity.Sample();
                }

                if (save)
                {
                    sim.Save(checkpointFile);
                    saves++;
                }

                progress?.Report((t - startMs) / (durationMs - startMs));
            }
        });
        if (!lead)
        {
            return 0; // rank 0 writes the results
        }

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
            if (saves > 0)
            {
                string files = group is { Size: > 1 } ? $"{checkpointFile}.rank0..{group.Size - 1}" : checkpointFile;
                Console.WriteLine($"saved {saves} checkpoints, the last at {durationMs} ms: {files} (continue with --resume {checkpointFile})");
            }
        }

        return 0;
    }

    /// <summary>
    /// Where a run from <paramref name="startMs"/> to <paramref name="endMs"/> stops, in order: 100 progress points;
    /// with learning, weight samples on the grid k·end/200 (the same instants whether or not the run was resumed); and
    /// checkpoints every <paramref name="everyMs"/> and at the end.
    /// </summary>
    private static List<(double TimeMs, bool Sample, bool Save)> Stops(double startMs, double endMs, bool learns, double? everyMs)
    {
        var stops = new SortedDictionary<double, (bool Sample, bool Save)>();
        void Add(double t, bool sample, bool save)
        {
            if (t > startMs && t <= endMs)
            {
                (bool s, bool c) = stops.GetValueOrDefault(t);
                stops[t] = (s || sample, c || save);
            }
        }

        for (int k = 1; k <= 100; k++)
        {
            Add(k == 100 ? endMs : startMs + ((endMs - startMs) * k / 100), false, false);
        }

        for (int k = 1; learns && k <= 200; k++)
        {
            Add(k == 200 ? endMs : endMs * k / 200, true, false);
        }

        for (long k = 1; everyMs is { } every && k * every < endMs; k++)
        {
            Add(k * every, false, true);
        }

        Add(endMs, false, everyMs is not null);
        return [.. stops.Select(s => (s.Key, s.Value.Sample, s.Value.Save))];
    }
}
