using System.CommandLine;
using System.Text.Json;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Optimization.Hopfield;
using SpikeCore.Output;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore hopfield</c>: the storage capacity of a Hebbian Hopfield memory, measured over loads α = P/N.</summary>
internal static class HopfieldCommand
{
    public static Command Create()
    {
        var neurons = new Option<int>("--neurons") { Description = "N", DefaultValueFactory = _ => 500 }.Within(2, 10_000);
        var corruption = new Option<double>("--corruption") { Description = "Fraction of each probe's neurons flipped", DefaultValueFactory = _ => 0.1 }.Within(0.0, 0.5);
        var fromLoad = new Option<double>("--from-load") { Description = "Smallest α = P/N", DefaultValueFactory = _ => 0.02 }.Within(1e-6, 10.0);
        var toLoad = new Option<double>("--to-load") { Description = "Largest α", DefaultValueFactory = _ => 0.3 }.Within(1e-6, 10.0);
        var points = new Option<int>("--points") { Description = "Loads measured, evenly spaced", DefaultValueFactory = _ => 15 }.Within(2, 1000);
        var trials = new Option<int>("--trials") { Description = "Memories per load", DefaultValueFactory = _ => 3 }.Within(1, 1_000_000);
        var recalls = new Option<int>("--recalls") { Description = "Patterns recalled per memory", DefaultValueFactory = _ => 20 }.Within(1, 1_000_000);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the patterns, probes and update orders", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for capacity.png", DefaultValueFactory = _ => "hopfield" };
        var array = ArrayOptions.Create("each memory's weights (every recall step one read of the arrays)");
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("hopfield", "Hopfield associative memory: recall from corrupted patterns against the load, and the capacity (theory 0.138 N)")
        {
            neurons, corruption, fromLoad, toLoad, points, trials, recalls, seed, output, json,
        };
        array.AddTo(command);

        command.SetAction(parse => Execute(parse.GetValue(neurons), parse.GetValue(corruption), parse.GetValue(fromLoad), parse.GetValue(toLoad), parse.GetValue(points),
            parse.GetValue(trials), parse.GetValue(recalls), parse.GetValue(seed), array.Read(parse), parse.GetValue(output)!, parse.GetValue(json)));
        return command;
    }

    private static int Execute(int neurons, double corruption, double fromLoad, double toLoad, int count, int trials, int recalls, ulong seed, ArrayOptions.Choice? array, string output, bool json)
    {
        if (!(fromLoad > 0 && toLoad > fromLoad) || count < 2)
        {
            Console.Error.WriteLine($"hopfield: need 0 < --from-load < --to-load and --points >= 2 (got {fromLoad}, {toLoad}, {count})");
            return 2;
        }

        if (array is not null && neurons > ArrayCouplings.MaxSpins)
        {
            Console.Error.WriteLine($"hopfield: --array holds dense couplings of at most {ArrayCouplings.MaxSpins} neurons (got --neurons {neurons})");
            return 2;
        }

        double[] loads = [.. Enumerable.Range(0, count).Select(k => fromLoad + ((toLoad - fromLoad) * k / (count - 1)))];
        IReadOnlyList<MemoryCapacity.Point> measured = null!;
        try
        {
            Progress.Run($"Hopfield memory, N = {neurons}", !json, progress => measured = MemoryCapacity.Measure(neurons, loads, corruption, trials, recalls, seed, progress));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        // On arrays: every memory programmed into its own arrays (seeded by its weights' place in the run), fields read after every flip.
        IReadOnlyList<MemoryCapacity.Point>? onArrays = null;
        var energy = new EnergyLedger();
        if (array is { } a)
        {
            ArrayCouplings? current = null;
            ulong programmed = 0;
            Progress.Run($"Hopfield memory on {a.Preset.Name} arrays, N = {neurons}", !json, progress => onArrays = MemoryCapacity.Measure(neurons, loads, corruption, trials, recalls, seed, progress, memory =>
            {
                if (current is not null)
                {
                    energy.Add(current.Energy);
                }

                var couplings = current = new ArrayCouplings(memory.Weights(), memory.Neurons, a.Arrays, seed + programmed++);
                return (state, fields) => couplings.Fields(state, fields, a.ReadTimeS);
            }));
            energy.Add(current!.Energy);
        }

        double? capacity = MemoryCapacity.Capacity(measured);
        double? arrayCapacity = onArrays is null ? null : MemoryCapacity.Capacity(onArrays);
        Directory.CreateDirectory(output);
        string png = Path.Combine(output, "capacity.png");
        Plots.Lines([new LinePanel($"Hebbian Hopfield memory, N = {neurons}, {corruption:P0} of each probe flipped (theory: α_c = 0.138)", "load α = P/N", "fraction / overlap",
            [("recall success (m ≥ 0.95)", [.. measured.Select(p => p.Load)], [.. measured.Select(p => p.SuccessRate)]), ("mean final overlap m", [.. measured.Select(p => p.Load)], [.. measured.Select(p => p.MeanOverlap)]),
                .. onArrays is null ? [] : new[] { ($"recall success on {array!.Preset.Name} arrays", onArrays.Select(p => p.Load).ToArray(), onArrays.Select(p => p.SuccessRate).ToArray()) }])], png);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                neurons,
                corruption,
                capacity,
                theory = 0.138,
                loads = measured.Select(p => new { load = p.Load, patterns = p.Patterns, recalls = p.Recalls, success_rate = p.SuccessRate, mean_overlap = p.MeanOverlap }),
                array = onArrays is null ? null : new
                {
                    preset = array!.Preset.Name,
                    read_time_s = array.ReadTimeS,
                    line_resistance_ohm = array.LineResistanceOhm,
                    read_noise = array.ReadNoise,
                    capacity = arrayCapacity,
                    energy_j = energy.TotalJ,
                    reads = energy.Reads,
                    loads = onArrays.Select(p => new { load = p.Load, success_rate = p.SuccessRate, mean_overlap = p.MeanOverlap }),
                },
                seed,
            }, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"Hopfield memory, N = {neurons}, {corruption:P0} of each probe flipped, {trials} memories × {recalls} recalls per load:");
        string arrayColumns = onArrays is null ? "" : $" {$"on {array!.Preset.Name}",14} {"overlap",8}";
        Console.WriteLine($"  {"load α",7} {"P",5} {"success",8} {"overlap",8}{arrayColumns}");
        for (int k = 0; k < measured.Count; k++)
        {
            MemoryCapacity.Point p = measured[k];
            Console.WriteLine($"  {p.Load,7:F3} {p.Patterns,5} {p.SuccessRate,8:P0} {p.MeanOverlap,8:F3}" + (onArrays is null ? "" : $" {onArrays[k].SuccessRate,14:P0} {onArrays[k].MeanOverlap,8:F3}"));
        }

        Console.WriteLine(capacity is { } c ? $"capacity α_c ≈ {c:F3} (success falls below 50%; theory 0.138 for N → ∞)" : "recall succeeded at every load: raise --to-load");
        if (onArrays is not null)
        {
            Console.WriteLine($"on {array!.Preset.Name} arrays ({array.Describe()}): capacity {(arrayCapacity is { } ac ? $"α_c ≈ {ac:F3}" : "above the largest load")}; {energy.Reads} reads, {energy.TotalJ:G3} J (programming included)");
        }

        Console.WriteLine($"wrote {png}");
        return 0;
    }
}
