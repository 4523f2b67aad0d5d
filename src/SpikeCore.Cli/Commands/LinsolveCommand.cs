using System.CommandLine;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Output;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore linsolve</c>: A x = b and PageRank in one step, arrays in the feedback loop of amplifiers, against the direct solve.</summary>
internal static class LinsolveCommand
{
    private static readonly double[] s_gains = [1e2, 1e3, 1e4, 1e5, 1e6];
    private static readonly double[] s_errors = [0, 0.001, 0.01, 0.05];

    public static Command Create()
    {
        var problem = new Option<string>("--problem") { Description = "system (random diagonally dominant A, random b) or pagerank ((I − 0.85 M) r = 0.15/N on a random graph of 3 links per page)", DefaultValueFactory = _ => "system" }.AcceptOnlyFromAmong("system", "pagerank");
        var size = new Option<int>("--size") { Description = "Unknowns N", DefaultValueFactory = _ => 16 }.Within(2, FeedbackSolver.MaxSize);
        var gain = new Option<double>("--gain") { Description = "Amplifiers' open-loop gain A₀", DefaultValueFactory = _ => new FeedbackSolver().OpenLoopGain }.Within(1, 1e12);
        var gbw = new Option<double>("--gbw-hz") { Description = "Amplifiers' gain-bandwidth product", DefaultValueFactory = _ => new FeedbackSolver().GainBandwidthHz }.Within(1, 1e12);
        var preset = new Option<string>("--preset") { Description = $"Device preset of the arrays ({string.Join(", ", DevicePresets.All.Select(p => p.Name))})", DefaultValueFactory = _ => "table1_target" }
            .AcceptOnlyFromAmong([.. DevicePresets.All.Select(p => p.Name)]);
        var deviceError = new Option<double>("--device-error") { Description = "Further relative Gaussian error of every conductance after programming", DefaultValueFactory = _ => 0 }.Within(0, 0.5);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the system and every device draw", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for linsolve.png", DefaultValueFactory = _ => "linsolve" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("linsolve", "Solve A x = b (or PageRank) in one step with memristive arrays in the feedback loop of operational amplifiers (Sun et al. 2019), settling transient included; against the direct solve as amplifier gain and device error vary")
        {
            problem, size, gain, gbw, preset, deviceError, seed, output, json,
        };
        command.SetAction(parse => Execute(parse.GetValue(problem)!, parse.GetValue(size), new FeedbackSolver(parse.GetValue(gain), parse.GetValue(gbw)), DevicePresets.Find(parse.GetValue(preset)!)!,
            parse.GetValue(deviceError), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(json)));
        return command;
    }

    private static int Execute(string problem, int n, FeedbackSolver solver, DevicePreset preset, double deviceError, ulong seed, string output, bool json)
    {
        Directory.CreateDirectory(output); // unwritable: one line and exit 2 (Program.InputError), before the work

        (Matrix<double> a, Vector<double> b) = problem == "system" ? LinearSystems.DiagonallyDominant(n, seed) : LinearSystems.PageRank(n, Math.Min(3, n - 1), 0.85, seed);
        Vector<double> direct = a.Solve(b);
        var arrays = new ArrayConfig { Preset = preset };
        double Error(FeedbackResult r) => (Vector<double>.Build.DenseOfArray(r.X) - direct).L2Norm() / direct.L2Norm();
        var wall = System.Diagnostics.Stopwatch.StartNew();
        FeedbackResult result = solver.Solve(a, b, arrays, deviceError, seed);
        var sweep = new (double Gain, double DeviceError, FeedbackResult Result)[s_gains.Length * s_errors.Length];
        Progress.Run($"Sweeping gain and device error ({preset.Name})", !json, progress =>
        {
            for (int k = 0; k < sweep.Length; k++)
            {
                (double g, double e) = (s_gains[k / s_errors.Length], s_errors[k % s_errors.Length]);
                sweep[k] = (g, e, (solver with { OpenLoopGain = g }).Solve(a, b, arrays, e, seed));
                progress?.Report((k + 1.0) / sweep.Length);
            }
        });

        string plot = Path.Combine(output, "linsolve.png");
        double[] axis = [.. s_gains.Select(Math.Log10)];
        Plots.Lines([new LinePanel($"{problem}, N = {n}, {preset.Name} arrays: error against the direct solve (log10)", "log10 open-loop gain", "log10 relative error",
            [.. s_errors.Select((e, k) => ($"device error {e:P1}", axis, sweep.Where(s => s.DeviceError == e).Select(s => Math.Log10(Math.Max(Error(s.Result), 1e-18))).ToArray()))])], plot);
        double cond = a.ConditionNumber();
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                problem,
                size = n,
                preset = preset.Name,
                gain = solver.OpenLoopGain,
                gbw_hz = solver.GainBandwidthHz,
                device_error = deviceError,
                relative_error = Error(result),
                settling_time_s = result.Stable ? result.SettlingTimeS : (double?)null,
                stable = result.Stable,
                energy_j = result.Stable ? result.EnergyJ : (double?)null,
                power_w = result.PowerW,
                programming_energy_j = result.ProgrammingJ,
                condition_number = cond,
                sweep = sweep.Select(s => new { gain = s.Gain, device_error = s.DeviceError, relative_error = Error(s.Result), settling_time_s = s.Result.Stable ? s.Result.SettlingTimeS : (double?)null }),
                wall_s = wall.Elapsed.TotalSeconds,
                seed,
            }, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"{problem}: N = {n}, cond(A) = {cond:G3}, on a pair of {n} x {n} {preset.Name} arrays (write-verify); amplifiers GBW {solver.GainBandwidthHz:G3} Hz; against the direct (LU) solve");
        Console.WriteLine($"  gain {solver.OpenLoopGain:G3}, device error {deviceError:P1}: relative error {Error(result):G3}, " + (result.Stable
            ? $"settles to {solver.SettlingTolerance:P1} in {result.SettlingTimeS:G3} s, {result.EnergyJ:G3} J in the arrays ({result.PowerW:G3} W)"
            : "DOES NOT SETTLE (an eigenvalue of the loop in the right half-plane)"));
        Console.WriteLine($"  {"relative error",20} " + string.Join(" ", s_errors.Select(e => $"{$"dev. err {e:P1}",16}")));
        foreach (double g in s_gains)
        {
            Console.WriteLine($"  {$"gain {g:G3}",20} " + string.Join(" ", sweep.Where(s => s.Gain == g).Select(s => $"{(s.Result.Stable ? Error(s.Result).ToString("G3") : "unstable"),16}")));
        }

        Console.WriteLine($"  {$"settling, gain {s_gains[^2]:G3}",20} " + string.Join(" ", sweep.Where(s => s.Gain == s_gains[^2]).Select(s => $"{(s.Result.Stable ? $"{s.Result.SettlingTimeS:G3} s" : "never"),16}")));
        Console.WriteLine($"programming {result.ProgrammingJ:G3} J; wrote {plot}");
        return 0;
    }
}
