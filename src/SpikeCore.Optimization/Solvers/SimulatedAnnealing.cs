using System.Diagnostics;
using SpikeCore.Optimization.MaxCut;
using SpikeCore.Random;

namespace SpikeCore.Optimization.Solvers;

/// <summary>
/// Single-flip Metropolis annealing for max-cut (the control every other solver is measured against): flipping spin i
/// gains Δ = s_i h_i, accepted when Δ ≥ 0 or with probability e^(Δ/T); local fields are updated in O(degree) per flip
/// and the best cut visited is kept.
/// </summary>
public static class SimulatedAnnealing
{

    /// <summary>One run from the random start keyed by (<paramref name="seed"/>, <paramref name="run"/>).</summary>
    public static SolverRun Run(MaxCutGraph graph, AnnealingOptions options, ulong seed, int run)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var rng = KeyedRandom.Create(seed, StreamPurpose.Annealing, (ulong)run);
        int n = graph.NodeCount;
        var tracker = new CutTracker(graph, CutValue.RandomSpins(ref rng, n), clock);
        sbyte[] spins = tracker.Spins;
        long[] h = tracker.Fields;
        double ratio = options.Sweeps > 1 ? Math.Pow(options.EndTemperature / options.StartTemperature, 1.0 / (options.Sweeps - 1)) : 1;
        double temperature = options.StartTemperature;
        // e^(−k/T) for a loss of k, refreshed each sweep (weights too large for a table: computed per proposal).
        long maxField = MaxAbsoluteField(graph);
        double[]? acceptance = maxField <= 1 << 16 ? new double[maxField + 1] : null;
        for (int sweep = 0; sweep < options.Sweeps; sweep++, temperature *= ratio)
        {
            for (int k = 0; k < acceptance?.Length; k++)
            {
                acceptance[k] = Math.Exp(-k / temperature);
            }

            for (int i = 0; i < n; i++)
            {
                long gain = spins[i] * h[i];
                if (gain < 0 && rng.NextDouble() >= (acceptance is null ? Math.Exp(gain / temperature) : acceptance[-gain]))
                {
                    continue;
                }

                tracker.Flip(i);
            }
        }

        return tracker.Result();
    }

    /// <summary>The largest |h_i| any assignment can give: max over nodes of Σ_j |w_ij|.</summary>
    private static long MaxAbsoluteField(MaxCutGraph graph)
    {
        long max = 0;
        for (int i = 0; i < graph.NodeCount; i++)
        {
            long sum = 0;
            for (int k = graph.RowStart[i]; k < graph.RowStart[i + 1]; k++)
            {
                sum += Math.Abs((long)graph.Weights[k]);
            }

            max = Math.Max(max, sum);
        }

        return max;
    }
}
