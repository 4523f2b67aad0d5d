using System.CommandLine;
using System.Text.Json;
using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Mpi;
using SpikeCore.Networks;
using SpikeCore.Recording;
using SpikeCore.Running;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore bench &lt;cuba|coba|cobahh&gt;</c>: builds and runs a benchmark network and reports its figures.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var network = new Argument<string>("network") { Description = "Benchmark network: cuba, coba or cobahh (or a network file)" };
        var duration = new Option<double>("--duration-ms") { Description = "Simulated time", DefaultValueFactory = _ => 1000 }.Within(0.0, 1e12);
        var seed = new Option<ulong>("--seed") { Description = "Seed of connectivity and initial state", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var profile = new Option<bool>("--profile") { Description = "Break the run's wall time into phases (delivery, neuron events, clocked steps, ...) with event counts" };
        var neurons = new Option<int?>("--neurons") { Description = "Scale cuba/coba to N neurons with a fixed in-degree of 80 (the scaling workload; at least 80, so that the 64 excitatory and 16 inhibitory partners of each neuron exist)" }.Within(80, 100_000_000);
        var precision = new Option<string>("--precision")
        {
            Description = "Floating-point format of lif_cond_exp populations: float64, or float32 (Auryn's choice: half the memory traffic; spike times move at float's rounding, ~1e-5 ms)",
            DefaultValueFactory = _ => "float64",
        }.AcceptOnlyFromAmong("float64", "float32");
        var parallel = new ParallelOptions();
        var command = new Command("bench", "Build and run a benchmark network; report wall time, events/s and memory")
        {
            network, duration, seed, json, neurons, profile, precision,
        };
        parallel.AddTo(command);
        command.SetAction(parse => Execute(parse.GetValue(network)!, parse.GetValue(duration), parse.GetValue(seed), parse.GetValue(json), parse.GetValue(neurons), parse.GetValue(profile), parse.GetValue(precision) == "float32", parallel.Read(parse)));
        return command;
    }

    private static int Execute(string name, double durationMs, ulong seed, bool json, int? neurons, bool profile, bool float32, ParallelOptions.Choice parallel)
    {
        NetworkSpec spec = neurons is { } n
            ? ScaledSpec(name, n, seed)
            : NetworkCatalog.Resolve(name, seed);
        name = neurons is { } size ? $"{name}-{size}" : name;
        if (float32)
        {
            if (!spec.Populations.Any(p => p.Model is LifCondExp))
            {
                Console.Error.WriteLine($"bench: --precision float32 applies to lif_cond_exp populations, and {name} has none");
                return 2;
            }

            spec = spec with { Populations = [.. spec.Populations.Select(p => p.Model is LifCondExp m ? p with { Model = m with { Precision = Precision.Binary32 } } : p)] };
        }

        Network net = NetworkBuilder.FromSpec(spec).Build();
        using MpiProcessGroup? group = parallel.StartProcesses();
        using var sim = new Simulation(net, parallel.Options(group) with { Profile = profile }); // what partitions cannot run is refused by name (exit 2)
        bool lead = group is null || group.Rank == 0;
        if (durationMs > sim.MaxTimeMs)
        {
            Console.Error.WriteLine($"bench: --duration-ms {durationMs} is beyond the longest run of this network, {sim.MaxTimeMs:G6} ms");
            return 2;
        }

        Progress.Run($"{name}: {durationMs} ms", lead && !json && durationMs >= 5000, progress => sim.Run(durationMs, progress));
        SimulationStatistics stats = sim.Statistics;
        var result = BenchResult.From(name, net, sim, durationMs, stats) with { CompileSeconds = stats.CompileSeconds };
        if (!lead)
        {
            return 0;
        }

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

    private static NetworkSpec ScaledSpec(string name, int neurons, ulong seed)
    {
        if (neurons < 10)
        {
            throw new NetworkValidationException($"--neurons: at least 10 neurons are needed for the scaled network (got {neurons})");
        }

        return name.ToLowerInvariant() switch
        {
            "cuba" => BenchmarkNetworks.Scaled(conductanceBased: false, neurons, seed).Spec,
            "coba" => BenchmarkNetworks.Scaled(conductanceBased: true, neurons, seed).Spec,
            _ => throw new NetworkValidationException($"--neurons applies to cuba and coba only (got '{name}')"),
        };
    }
}
