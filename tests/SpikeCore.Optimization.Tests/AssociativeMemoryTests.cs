using SpikeCore.Optimization.Hopfield;
using SpikeCore.Random;

namespace SpikeCore.Optimization.Tests;

public class AssociativeMemoryTests
{
    [Fact]
    public void Recall_reading_fields_from_outside_matches_recall_on_its_own_weights()
    {
        var rng = SpikeCore.Random.KeyedRandom.Create(9, 1, 0);
        var patterns = Enumerable.Range(0, 12).Select(_ => SpikeCore.Optimization.MaxCut.CutValue.RandomSpins(ref rng, 100)).ToList();
        AssociativeMemory memory = AssociativeMemory.Store(patterns);
        double[] w = memory.Weights();
        int reads = 0;
        void Fields(ReadOnlySpan<sbyte> s, Span<double> h)
        {
            reads++;
            for (int i = 0; i < 100; i++)
            {
                h[i] = 0;
                for (int j = 0; j < 100; j++)
                {
                    h[i] += w[(i * 100) + j] * s[j];
                }
            }
        }

        for (int mu = 0; mu < 4; mu++)
        {
            sbyte[] probe = MemoryCapacity.Corrupt(patterns[mu], 0.2, ref rng);
            RecallResult own = memory.Recall(probe, 3), outside = memory.Recall(probe, 3, fields: Fields);
            Assert.Equal(own.State, outside.State);
            Assert.Equal(own.Sweeps, outside.Sweeps);
        }

        Assert.True(reads > 4, "one read per recall and one per flip");
    }

    [Fact]
    public void Hebbian_weights_follow_the_rule_and_recall_restores_each_pattern_from_a_tenth_flipped()
    {
        var rng = KeyedRandom.Create(1, 2, 3);
        var patterns = Enumerable.Range(0, 3).Select(_ => Optimization.MaxCut.CutValue.RandomSpins(ref rng, 100)).ToList();
        AssociativeMemory memory = AssociativeMemory.Store(patterns);
        Assert.Equal(patterns.Sum(p => p[3] * p[71]) / 100.0, memory.Weight(3, 71), 12);
        Assert.Equal(memory.Weight(71, 3), memory.Weight(3, 71));
        Assert.Equal(0, memory.Weight(5, 5));
        foreach (sbyte[] pattern in patterns)
        {
            sbyte[] probe = MemoryCapacity.Corrupt(pattern, 0.1, ref rng);
            Assert.Equal(0.8, AssociativeMemory.Overlap(probe, pattern), 12); // exactly 10 of 100 flipped
            RecallResult recall = memory.Recall(probe, 7);
            Assert.True(recall.Converged);
            Assert.Equal(pattern, recall.State);
            // A fixed point: no neuron disagrees with its field.
            Assert.All(Enumerable.Range(0, 100), i => Assert.True(recall.State[i] * Enumerable.Range(0, 100).Sum(j => memory.Weight(i, j) * recall.State[j]) >= 0));
        }
    }

    [Fact]
    public void Capacity_is_near_the_theoretical_0_138_recall_works_well_below_it_and_fails_well_above_it()
    {
        IReadOnlyList<MemoryCapacity.Point> points = MemoryCapacity.Measure(400, [0.06, 0.10, 0.14, 0.18, 0.26], 0.1, 2, 15, 1);
        Assert.Equal(1.0, points[0].SuccessRate);
        Assert.True(points[^1].SuccessRate <= 0.1 && points[^1].MeanOverlap < 0.6, $"{points[^1]}");
        double capacity = MemoryCapacity.Capacity(points)!.Value;
        Assert.InRange(capacity, 0.12, 0.19); // Amit-Gutfreund-Sompolinsky 0.138 for N → ∞; finite N sits a little above
    }

    [Fact]
    public void Bad_patterns_and_probes_are_named()
    {
        Assert.Contains("pattern 1", Assert.Throws<ArgumentException>(() => AssociativeMemory.Store([[1, -1, 1], [1, 0, 1]])).Message, StringComparison.Ordinal);
        Assert.Contains("pattern 1 has 2 values", Assert.Throws<ArgumentException>(() => AssociativeMemory.Store([[1, -1, 1], [1, 1]])).Message, StringComparison.Ordinal);
        AssociativeMemory memory = AssociativeMemory.Store([[1, -1, 1, -1]]);
        Assert.Contains("probe", Assert.Throws<ArgumentException>(() => memory.Recall(new sbyte[] { 1, 1 }, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("corruption", Assert.Throws<ArgumentException>(() => MemoryCapacity.Measure(10, [0.1], 0.7, 1, 1, 1)).Message, StringComparison.Ordinal);
    }
}
