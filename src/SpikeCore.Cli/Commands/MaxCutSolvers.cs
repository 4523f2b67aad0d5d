using SpikeCore.Optimization.MaxCut;
using SpikeCore.Optimization.Solvers;

namespace SpikeCore.Cli.Commands;

/// <summary>The max-cut solvers by their command-line names, for <c>maxcut</c> and <c>maxcut-bench</c>.</summary>
internal static class MaxCutSolvers
{
    /// <summary>Every solver, the oscillator network and its controls first.</summary>
    public static readonly string[] Names = ["mott", "noise", "none", "sa", "dsb"];

    /// <summary>What each name runs, for --help.</summary>
    public const string Description = "mott (Hopfield network updated at Mott-oscillator spikes, perturbed by the oscillators' voltages), noise (the same, Gaussian noise of equal variance), none (the same, no perturbation), sa (simulated annealing) or dsb (discrete simulated bifurcation)";

    /// <summary>
    /// Run number → one run of <paramref name="solver"/> on <paramref name="graph"/>; null sizes keep each solver's default;
    /// <paramref name="couplings"/> (the Hopfield solvers only) are the graph's weights as arrays hold them.
    /// </summary>
    public static Func<int, SolverRun> Runner(string solver, MaxCutGraph graph, ulong seed, int? sweeps = null, int? updatesPerSpin = null, int? steps = null, (double Start, double End)? hysteresis = null, double[]? couplings = null)
    {
        var annealing = new AnnealingOptions();
        var hopfield = new MottHopfieldOptions();
        var bifurcation = new BifurcationOptions();
        annealing = annealing with { Sweeps = sweeps ?? annealing.Sweeps };
        hopfield = hopfield with
        {
            UpdatesPerSpin = updatesPerSpin ?? hopfield.UpdatesPerSpin,
            HysteresisStart = hysteresis?.Start ?? hopfield.HysteresisStart,
            HysteresisEnd = hysteresis?.End ?? hopfield.HysteresisEnd,
        };
        bifurcation = bifurcation with { Steps = steps ?? bifurcation.Steps };
        return solver switch
        {
            "sa" => run => SimulatedAnnealing.Run(graph, annealing, seed, run),
            "dsb" => run => SimulatedBifurcation.Run(graph, bifurcation, seed, run),
            "mott" => run => MottHopfield.Run(graph, hopfield, seed, run, couplings),
            "noise" => run => MottHopfield.Run(graph, hopfield with { Perturbation = Perturbation.Noise }, seed, run, couplings),
            "none" => run => MottHopfield.Run(graph, hopfield with { Perturbation = Perturbation.None }, seed, run, couplings),
            _ => throw new ArgumentException($"unknown solver '{solver}': use one of {string.Join(", ", Names)}"),
        };
    }

    /// <summary>An instance argument as a path: a file, or a Gset name (G1 ... G81) under the data folder.</summary>
    public static string InstancePath(string instance) =>
        File.Exists(instance) || instance.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || instance.EndsWith(".txt", StringComparison.Ordinal)
            ? instance
            : Path.Combine(DataPaths.Gset, instance + ".txt");
}
