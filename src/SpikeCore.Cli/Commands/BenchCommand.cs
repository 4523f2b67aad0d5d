using System.CommandLine;
using System.Text.Json;
using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Recording;
using SpikeCore.Running;
using SpikeCore.Networks;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore bench &lt;cuba|coba&gt;</c>: builds and runs a benchmark network and reports its figures.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var network = new Argument<string>("network") { Description = "Benchmark network: cuba or coba (or a network file)" };
        var duration = new Option<double>("--duration-ms") { Description = "Simulated time", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of connectivity and initial state", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var command = new Command("bench", "Build and run a benchmark network; report wall time, events/s and memory")
        {
            network, duration, seed, json,
        };
        command.SetAction(parse => Execute(parse.GetValue(network)!, parse.GetValue(duration), parse.GetValue(seed), parse.GetValue(json)));
        return command;
    }

    private static int Execute(string name, double durationMs, ulong seed, bool json)
    {
        NetworkSpec spec = NetworkCatalog.Resolve(name, seed);
        Network net = NetworkBuilder.FromSpec(spec).Build();
        using var sim = new Simulation(net);
        Progress.Run($"{name}: {durationMs} ms", !json && durationMs >= 5000, progress => sim.Run(durationMs, progress));
        SimulationStatistics stats = sim.Statistics;
        var result = BenchResult.From(name, net, sim, durationMs, stats);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(result, CliJson.Options));
        }
        else
        {
            BenchResult.PrintTable(result);
        }

        return 0;
    }
}
