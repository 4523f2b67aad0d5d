using System.CommandLine;
using System.Text.Json;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Datasets;
using SpikeCore.Networks.Computing;
using SpikeCore.Output;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore lca</c>: sparse coding of Fashion-MNIST patches by the locally competitive algorithm on arrays, against FISTA.</summary>
internal static class LcaCommand
{
    public static Command Create()
    {
        var defaults = new SparseCodingParameters();
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding Fashion-MNIST (default: the shared data's fashion-mnist)" };
        var preset = new Option<string>("--preset") { Description = $"Device preset of the dictionary's arrays ({string.Join(", ", DevicePresets.All.Select(p => p.Name))})", DefaultValueFactory = _ => "table1_target" }
            .AcceptOnlyFromAmong([.. DevicePresets.All.Select(p => p.Name)]);
        var atoms = new Option<int>("--atoms") { Description = "Dictionary atoms K", DefaultValueFactory = _ => defaults.Atoms }.Within(1, 4096);
        var lambda = new Option<double>("--lambda") { Description = "λ of ½‖x − D a‖² + λ‖a‖₁ (patches scaled to a largest value of 1)", DefaultValueFactory = _ => defaults.Lambda }.Within(1e-6, 10.0);
        var patches = new Option<int>("--patches") { Description = "Test patches coded by every solver", DefaultValueFactory = _ => defaults.TestPatches }.Within(1, 100_000);
        var iterations = new Option<int>("--iterations") { Description = "LCA iterations (two array reads each)", DefaultValueFactory = _ => defaults.LcaIterations }.Within(1, 1_000_000);
        var spiking = new Option<bool>("--spiking") { Description = "Code with the spiking LCA on the event engine (integrate-and-fire neurons whose rates are the coefficients, lateral weights in arrays) against non-negative FISTA" };
        var durationMs = new Option<double>("--duration-ms") { Description = "Spiking: simulated time per patch (rates counted after the first 100 ms)", DefaultValueFactory = _ => new SpikingLcaParameters().DurationMs }.Within(150, 1e6);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the patches, the dictionary and every device draw", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for dictionary.png", DefaultValueFactory = _ => "lca" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("lca", "Sparse coding by the locally competitive algorithm with its dictionary in memristive arrays (Sheridan et al. 2017): 8x8 Fashion-MNIST patches, a learned dictionary, against FISTA on the same dictionary and patches")
        {
            dataDir, preset, atoms, lambda, patches, iterations, spiking, durationMs, seed, output, json,
        };
        command.SetAction(parse => Execute(parse.GetValue(dataDir), DevicePresets.Find(parse.GetValue(preset)!)!,
            defaults with { Atoms = parse.GetValue(atoms), Lambda = parse.GetValue(lambda), TestPatches = parse.GetValue(patches), LcaIterations = parse.GetValue(iterations) },
            parse.GetValue(spiking) ? new SpikingLcaParameters { DurationMs = parse.GetValue(durationMs) } : null, parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(json)));
        return command;
    }

    /// <summary>Atom <paramref name="j"/> stretched to [0, 1] for display.</summary>
    private static float[] Atom(SparseCodingResult result, int j)
    {
        double[] atom = [.. Enumerable.Range(0, result.Pixels).Select(i => result.Dictionary[(i * result.Atoms) + j])];
        double lo = atom.Min(), range = Math.Max(atom.Max() - lo, 1e-12);
        return [.. atom.Select(v => (float)((v - lo) / range))];
    }

    private static int Execute(string? dataDir, DevicePreset preset, SparseCodingParameters p, SpikingLcaParameters? spiking, ulong seed, string output, bool json)
    {
        // A missing, truncated or malformed file, or an unwritable folder: one line and exit 2 (Program.InputError).
        (LabelledSet train, LabelledSet test) = Sets.FashionMnist(dataDir);
        Directory.CreateDirectory(output);
        var wall = System.Diagnostics.Stopwatch.StartNew();
        SparseCodingResult result = null!;
        Progress.Run($"Sparse coding ({preset.Name})", !json, progress => result = SparseCodingExperiment.Run(train, test, p, preset, seed, progress, spiking));
        SparseCodingRow reference = result.Rows[0], main = result.Rows[^1];
        string png = Path.Combine(output, "dictionary.png");
        int side = p.PatchSide;
        Plots.Tiles([.. Enumerable.Range(0, result.Atoms).Select(j => Atom(result, j))], side, side,
            $"{result.Atoms} atoms learned from {p.TrainPatches} Fashion-MNIST patches", png);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                preset = preset.Name,
                spiking = spiking is not null,
                atoms = p.Atoms,
                lambda = p.Lambda,
                patches = p.TestPatches,
                objective = main.Objective,
                reference_objective = reference.Objective,
                sparsity = main.Sparsity,
                relative_error = main.RelativeError,
                energy_j = main.EnergyJ,
                wall_s = wall.Elapsed.TotalSeconds,
                solvers = result.Rows.Select(r => new { solver = r.Solver, objective = r.Objective, sparsity = r.Sparsity, relative_error = r.RelativeError, energy_j = r.EnergyJ, wall_s = r.WallSeconds }),
                seed,
            }, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"Sparse coding of {p.TestPatches} test patches ({side}x{side}, Fashion-MNIST), dictionary of {p.Atoms} atoms learned in {result.DictionarySeconds:F1} s, λ = {p.Lambda}; "
            + (spiking is null ? $"LCA {p.LcaIterations} iterations of Δt/τ = {p.LcaStep}" : $"spiking LCA, {spiking.DurationMs} ms per patch, rates after {spiking.WarmUpMs} ms, {spiking.RatePerUnitPerMs} kHz per unit"));
        Console.WriteLine($"  {"solver",-34} {"objective",10} {"vs FISTA",9} {"zeros",7} {"‖x − Da‖/‖x‖",13} {"energy/patch",13} {"time",7}");
        foreach (SparseCodingRow r in result.Rows)
        {
            Console.WriteLine($"  {r.Solver,-34} {r.Objective,10:G4} {r.Objective / reference.Objective - 1,9:+0.0%;-0.0%;0.0%} {r.Sparsity,7:P1} {r.RelativeError,13:G3} {(r.EnergyJ > 0 ? $"{r.EnergyJ:G3} J" : ""),13} {r.WallSeconds,5:F1} s");
        }

        Console.WriteLine($"wrote {png}");
        return 0;
    }
}
