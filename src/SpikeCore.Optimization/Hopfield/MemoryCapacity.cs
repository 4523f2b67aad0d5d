using SpikeCore.Random;

namespace SpikeCore.Optimization.Hopfield;

/// <summary>
/// The storage capacity of <see cref="AssociativeMemory"/> measured the way it is defined: at load α = P/N, store P
/// random patterns, corrupt each by flipping a fraction of its neurons, recall, and count a success when the final
/// overlap with the pattern is at least <see cref="RecallThreshold"/>. The capacity is the load where the success
/// rate first falls below one half (linear interpolation between the loads measured); theory for N → ∞: 0.138.
/// </summary>
public static class MemoryCapacity
{
    /// <summary>The overlap a recall must reach to count as retrieving the pattern (the retrieval state near α_c has m ≈ 0.97).</summary>
    public const double RecallThreshold = 0.95;

    /// <summary>One measured load.</summary>
    /// <param name="Load">α = P/N.</param>
    /// <param name="Patterns">P.</param>
    /// <param name="Recalls">Recalls attempted.</param>
    /// <param name="SuccessRate">Fraction with final overlap ≥ <see cref="RecallThreshold"/>.</param>
    /// <param name="MeanOverlap">Mean final overlap with the stored pattern.</param>
    public sealed record Point(double Load, int Patterns, int Recalls, double SuccessRate, double MeanOverlap);

    /// <summary>
    /// Measures each load in <paramref name="loads"/> on <paramref name="trials"/> memories of <paramref name="neurons"/>
    /// neurons, recalling up to <paramref name="recallsPerMemory"/> of the stored patterns from probes with a
    /// <paramref name="corruption"/> fraction of flipped neurons. With <paramref name="couplings"/> each memory's weights are
    /// handed to it and recall reads its fields from what it returns (the weights programmed into arrays, for instance).
    /// </summary>
    public static IReadOnlyList<Point> Measure(int neurons, IReadOnlyList<double> loads, double corruption, int trials, int recallsPerMemory, ulong seed, IProgress<double>? progress = null, Func<AssociativeMemory, FieldReader>? couplings = null)
    {
        ArgumentNullException.ThrowIfNull(loads);
        if (neurons < 2 || trials < 1 || recallsPerMemory < 1 || !(corruption >= 0 && corruption < 0.5) || loads.Count == 0 || loads.Any(a => !(a > 0) || double.IsInfinity(a)))
        {
            throw new ArgumentException($"capacity: need neurons >= 2, trials and recalls >= 1, corruption in [0, 0.5), loads > 0 and finite (got {neurons}, {trials}, {recallsPerMemory}, {corruption}, [{string.Join(", ", loads)}])");
        }

        var points = new List<Point>();
        for (int l = 0; l < loads.Count; l++)
        {
            int p = Math.Max(1, (int)Math.Round(loads[l] * neurons));
            int successes = 0, recalls = 0;
            double overlaps = 0;
            for (int trial = 0; trial < trials; trial++)
            {
                var rng = KeyedRandom.Create(seed, StreamPurpose.HopfieldCapacity, ((ulong)l << 32) | (uint)trial);
                var patterns = new List<sbyte[]>();
                for (int mu = 0; mu < p; mu++)
                {
                    patterns.Add(MaxCut.CutValue.RandomSpins(ref rng, neurons));
                }

                AssociativeMemory memory = AssociativeMemory.Store(patterns);
                FieldReader? fields = couplings?.Invoke(memory);
                for (int mu = 0; mu < Math.Min(p, recallsPerMemory); mu++)
                {
                    sbyte[] probe = Corrupt(patterns[mu], corruption, ref rng);
                    double m = AssociativeMemory.Overlap(memory.Recall(probe, rng.NextUInt64(), fields: fields).State, patterns[mu]);
                    overlaps += m;
                    successes += m >= RecallThreshold ? 1 : 0;
                    recalls++;
                }
            }

            points.Add(new Point(loads[l], p, recalls, successes / (double)recalls, overlaps / recalls));
            progress?.Report((l + 1) / (double)loads.Count);
        }

        return points;
    }

    /// <summary>The load where the success rate first falls below ½ (interpolated); null if it never does, the first load if it starts below.</summary>
    public static double? Capacity(IReadOnlyList<Point> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (int k = 0; k < points.Count; k++)
        {
            if (points[k].SuccessRate < 0.5)
            {
                if (k == 0)
                {
                    return points[0].Load;
                }

                Point a = points[k - 1], b = points[k];
                return a.Load + ((b.Load - a.Load) * (a.SuccessRate - 0.5) / (a.SuccessRate - b.SuccessRate));
            }
        }

        return null;
    }

    /// <summary>A copy of <paramref name="pattern"/> with exactly round(fraction·N) neurons flipped, chosen at random.</summary>
    public static sbyte[] Corrupt(sbyte[] pattern, double fraction, ref KeyedRandom rng)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        int n = pattern.Length, flips = (int)Math.Round(fraction * n);
        int[] order = [.. Enumerable.Range(0, n)];
        sbyte[] probe = (sbyte[])pattern.Clone();
        for (int k = 0; k < flips; k++)
        {
            int j = k + rng.NextInt(n - k);
            (order[k], order[j]) = (order[j], order[k]);
            probe[order[k]] = (sbyte)-probe[order[k]];
        }

        return probe;
    }
}
