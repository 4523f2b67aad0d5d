using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra.Double;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Output;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore pde</c>: Poisson's and the wave equation on a grid solved with arrays by precision extension, beside the float solver.</summary>
internal static class PdeCommand
{
    /// <summary>The Poisson problem's exact solution u(x, y) = x y (1 − x)(1 − y) e^(x + 2y); b = A u exactly.</summary>
    private static double Solution(double x, double y) => x * y * (1 - x) * (1 - y) * Math.Exp(x + (2 * y));

    public static Command Create()
    {
        var problem = new Option<string>("--problem") { Description = "poisson (A u = b, 5-point Laplacian, zero boundary, known solution) or wave (u_tt = c² Δu by leapfrog from two eigenmodes)", DefaultValueFactory = _ => "poisson" }.AcceptOnlyFromAmong("poisson", "wave");
        var grid = new Option<int>("--grid") { Description = "Interior points per side (N² unknowns)", DefaultValueFactory = _ => 64 }.Within(2, 512);
        var bits = new Option<int>("--bits-per-device") { Description = "Bits each device holds (2^B levels); a coefficient's magnitude is sliced over as many arrays as it needs", DefaultValueFactory = _ => 4 }.Within(1, 16);
        var tile = new Option<int>("--tile") { Description = "Array side: the matrix is cut into tile x tile blocks, zero blocks skipped", DefaultValueFactory = _ => 64 }.Within(2, 1024);
        var preset = new Option<string>("--preset") { Description = $"Device preset ({string.Join(", ", DevicePresets.All.Select(p => p.Name))})", DefaultValueFactory = _ => "taox_tio2" }
            .AcceptOnlyFromAmong([.. DevicePresets.All.Select(p => p.Name)]);
        var tolerance = new Option<double>("--tolerance") { Description = "Poisson: stop at this relative residual", DefaultValueFactory = _ => 1e-8 }.Within(1e-14, 0.5);
        var innerBits = new Option<int>("--inner-bits") { Description = "Poisson: input bit planes of the inner solver's products", DefaultValueFactory = _ => new RefinedSolver().InnerBits }.Within(1, 52);
        var steps = new Option<int>("--steps") { Description = "Wave: leapfrog steps", DefaultValueFactory = _ => 200 }.Within(2, 100_000);
        var courant = new Option<double>("--mu") { Description = "Wave: μ = (c Δt / h)², stable up to 1/2", DefaultValueFactory = _ => 0.25 }.Within(1e-6, 0.5);
        var seed = new Option<ulong>("--seed") { Description = "Seed of every device draw", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for pde.png", DefaultValueFactory = _ => "pde" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("pde", "Solve a PDE on memristive arrays to high precision with low-precision devices (Zidan et al. 2018): block-sparse matrix, zero blocks skipped, coefficients sliced over arrays, bit-serial inputs, digital refinement; beside the float solver")
        {
            problem, grid, bits, tile, preset, tolerance, innerBits, steps, courant, seed, output, json,
        };
        command.SetAction(parse => Execute(parse.GetValue(problem)!, parse.GetValue(grid), parse.GetValue(bits), parse.GetValue(tile), DevicePresets.Find(parse.GetValue(preset)!)!,
            new RefinedSolver(Tolerance: parse.GetValue(tolerance), InnerBits: parse.GetValue(innerBits)), parse.GetValue(steps), parse.GetValue(courant), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(json)));
        return command;
    }

    private static int Execute(string problem, int side, int bits, int tile, DevicePreset preset, RefinedSolver solver, int steps, double mu, ulong seed, string output, bool json)
    {
        Directory.CreateDirectory(output); // unwritable: one line and exit 2 (Program.InputError), before the work

        SparseMatrix a = GridLaplacian.Matrix(side);
        var wall = Stopwatch.StartNew();
        BlockArrayMatrix arrays = null!;
        try
        {
            Progress.Run($"Programming {side * side} x {side * side} into {preset.Name} arrays", !json, _ => arrays = new BlockArrayMatrix(a, tile, bits, new ArrayConfig { Preset = preset }, seed));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"pde: {e.Message}");
            return 2;
        }

        double programmingJ = arrays.Energy.TotalJ, programmingS = wall.Elapsed.TotalSeconds;
        string plot = Path.Combine(output, "pde.png");
        string layout = $"{side}x{side} grid ({side * side} unknowns) on {arrays.Blocks} nonzero {tile}x{tile} blocks of {(side * side + tile - 1) / tile}², {arrays.Slices} slice(s) of {bits}-bit {preset.Name} devices, {arrays.AdcBits}-bit ADCs";
        var setup = new Setup(a, arrays, side, preset.Name, layout, programmingJ, programmingS, seed, plot, json);
        return problem == "poisson" ? Poisson(setup, solver) : Wave(setup, mu, steps);
    }

    /// <summary>What both problems share: the matrix, its arrays and how they were programmed, and where results go.</summary>
    private sealed record Setup(SparseMatrix A, BlockArrayMatrix Arrays, int Side, string Preset, string Layout, double ProgrammingJ, double ProgrammingS, ulong Seed, string Plot, bool Json)
    {
        /// <summary>The JSON fields every problem starts with: the problem and its arrays.</summary>
        public Dictionary<string, object?> Fields(string problem) => new()
        {
            ["problem"] = problem,
            ["grid"] = Side,
            ["preset"] = Preset,
            ["bits_per_device"] = Arrays.BitsPerDevice,
            ["slices"] = Arrays.Slices,
            ["tile"] = Arrays.Tile,
            ["blocks"] = Arrays.Blocks,
            ["adc_bits"] = Arrays.AdcBits,
        };
    }

    private static int Poisson(Setup setup, RefinedSolver solver)
    {
        (SparseMatrix a, BlockArrayMatrix arrays, int side, _, string layout, double programmingJ, double programmingS, ulong seed, string plot, bool json) = setup;
        double[] truth = GridLaplacian.Sample(side, Solution);
        var b = new double[truth.Length];
        a.Multiply(new DenseVector(truth), new DenseVector(b));
        double Error(double[] x) => System.Numerics.Tensors.TensorPrimitives.Distance<double>(x, truth) / System.Numerics.Tensors.TensorPrimitives.Norm<double>(truth);

        var clock = Stopwatch.StartNew();
        SolveResult reference = RefinedSolver.Reference(a, b, solver.Tolerance);
        double referenceS = clock.Elapsed.TotalSeconds;
        SolveResult result = null!;
        clock.Restart();
        Progress.Run("Solving on arrays", !json, _ => result = solver.Solve(arrays, a, b));
        double solveS = clock.Elapsed.TotalSeconds;
        bool met = result.RelativeResidual <= solver.Tolerance;
        Plots.Lines([new LinePanel($"Poisson {side}x{side} on arrays: relative residual after each refinement step (log10)", "outer step", "log10 ‖b − A x‖ / ‖b‖",
            [("arrays (as read)", [.. Enumerable.Range(0, result.History.Count).Select(k => (double)k)], [.. result.History.Select(Math.Log10)]), ("target", [0, Math.Max(1, result.History.Count - 1)], [Math.Log10(solver.Tolerance), Math.Log10(solver.Tolerance)])])], plot);
        if (json)
        {
            Dictionary<string, object?> fields = setup.Fields("poisson");
            fields["relative_residual"] = result.RelativeResidual;
            fields["relative_error"] = Error(result.X);
            fields["iterations"] = result.InnerIterations;
            fields["outer_steps"] = result.OuterSteps;
            fields["reads"] = result.Reads;
            fields["energy_j"] = result.EnergyJ;
            fields["programming_energy_j"] = programmingJ;
            fields["converged"] = met;
            fields["residual_history"] = result.History;
            fields["reference_relative_residual"] = reference.RelativeResidual;
            fields["reference_relative_error"] = Error(reference.X);
            fields["reference_iterations"] = reference.InnerIterations;
            fields["tolerance"] = solver.Tolerance;
            fields["inner_bits"] = solver.InnerBits;
            fields["residual_bits"] = solver.ResidualBits;
            fields["wall_s"] = programmingS + solveS;
            fields["reference_wall_s"] = referenceS;
            fields["seed"] = seed;
            Console.WriteLine(JsonSerializer.Serialize(fields, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"Poisson: {layout}; refinement: residual from {solver.ResidualBits}-plane reads, inner CG on {solver.InnerBits}-plane reads");
        Console.WriteLine($"  {"solver",-28} {"rel. residual",14} {"rel. error",11} {"iterations",11} {"reads",10} {"energy",11} {"time",8}");
        Console.WriteLine($"  {"arrays + refinement",-28} {result.RelativeResidual,14:0.00E+00} {Error(result.X),11:0.00E+00} {$"{result.OuterSteps} x {result.InnerIterations}",11} {result.Reads,10} {result.EnergyJ,9:G3} J {solveS,6:F1} s");
        Console.WriteLine($"  {"float64 CG",-28} {reference.RelativeResidual,14:0.00E+00} {Error(reference.X),11:0.00E+00} {reference.InnerIterations,11} {"",10} {"",11} {referenceS,6:F2} s");
        Console.WriteLine($"{(met ? "reached" : "DID NOT reach")} {solver.Tolerance:G2}; programming {programmingJ:G3} J, {programmingS:F1} s; wrote {plot}");
        return 0;
    }

    private static int Wave(Setup setup, double mu, int steps)
    {
        (SparseMatrix a, BlockArrayMatrix arrays, int side, _, string layout, double programmingJ, double programmingS, ulong seed, string plot, bool json) = setup;
        WaveResult reference = WaveSolver.Run(null, a, side, mu, steps);
        WaveResult result = null!;
        var clock = Stopwatch.StartNew();
        Progress.Run("Stepping on arrays", !json, _ => result = WaveSolver.Run(arrays, a, side, mu, steps));
        double solveS = clock.Elapsed.TotalSeconds;
        double[] axis = [.. Enumerable.Range(2, steps - 1).Select(k => (double)k)];
        Plots.Lines([new LinePanel($"Wave equation {side}x{side}, μ = {mu}: error against the closed form (log10, relative to ‖u⁰‖)", "step", "log10 error",
            [("arrays", axis, [.. result.Errors.Select(e => Math.Log10(Math.Max(e, 1e-18)))]), ("float64", axis, [.. reference.Errors.Select(e => Math.Log10(Math.Max(e, 1e-18)))])])], plot);
        if (json)
        {
            Dictionary<string, object?> fields = setup.Fields("wave");
            fields["relative_residual"] = result.ProductError;
            fields["relative_error"] = result.RelativeError;
            fields["iterations"] = steps;
            fields["reads"] = result.Reads;
            fields["energy_j"] = result.EnergyJ;
            fields["programming_energy_j"] = programmingJ;
            fields["reference_relative_error"] = reference.RelativeError;
            fields["mu"] = mu;
            fields["wall_s"] = programmingS + solveS;
            fields["seed"] = seed;
            Console.WriteLine(JsonSerializer.Serialize(fields, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"Wave equation, leapfrog, μ = {mu}, {steps} steps: {layout}; each step one 48-plane product on the arrays");
        Console.WriteLine($"  {"solver",-12} {"max error vs closed form",25} {"worst product error",20} {"reads",10} {"energy",11}");
        Console.WriteLine($"  {"arrays",-12} {result.RelativeError,25:0.00E+00} {result.ProductError,20:0.00E+00} {result.Reads,10} {result.EnergyJ,9:G3} J");
        Console.WriteLine($"  {"float64",-12} {reference.RelativeError,25:0.00E+00} {"",20} {"",10} {"",11}");
        Console.WriteLine($"programming {programmingJ:G3} J; {programmingS + solveS:F1} s; wrote {plot}");
        return 0;
    }
}
