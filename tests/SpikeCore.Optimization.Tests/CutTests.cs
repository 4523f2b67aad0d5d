using SpikeCore.Optimization.MaxCut;
using SpikeCore.Optimization.Solvers;

namespace SpikeCore.Optimization.Tests;

public class CutTests
{
    [Fact]
    public void Cut_and_local_fields_agree_with_the_definitions()
    {
        MaxCutGraph g = SmallGraphs.Random(9, 0.5, 1);
        for (long bits = 0; bits < 1 << 9; bits += 7)
        {
            sbyte[] s = SmallGraphs.Spins(9, bits);
            long cut = CutValue.Of(g, s);
            Assert.Equal(g.Edges.Sum(e => e.W * (1 - (s[e.I] * s[e.J])) / 2), cut);
            long[] h = CutValue.LocalFields(g, s);
            for (int i = 0; i < 9; i++)
            {
                sbyte[] flipped = (sbyte[])s.Clone();
                flipped[i] = (sbyte)-flipped[i];
                Assert.Equal(cut + (s[i] * h[i]), CutValue.Of(g, flipped)); // flipping i gains s_i h_i
            }
        }

        Assert.Throws<ArgumentException>(() => CutValue.Of(g, new sbyte[8]));
        Assert.Throws<ArgumentException>(() => CutValue.Of(g, new sbyte[9]));
    }

    [Theory]
    [InlineData(14, 0.4, 2)]
    [InlineData(16, 0.25, 3)]
    [InlineData(12, 0.8, 4)]
    public void Annealing_finds_the_brute_force_maximum_on_small_graphs(int n, double p, int seed)
    {
        MaxCutGraph g = SmallGraphs.Random(n, p, seed);
        long optimum = SmallGraphs.BruteForce(g);
        var options = new AnnealingOptions { Sweeps = 2000 };
        SolverRun best = Enumerable.Range(0, 3).Select(run => SimulatedAnnealing.Run(g, options, 7, run)).MaxBy(r => r.BestCut)!;
        Assert.Equal(optimum, best.BestCut);
        Assert.Equal(optimum, CutValue.Of(g, best.BestSpins)); // the spins kept are the cut reported
        Assert.InRange(best.SecondsToBest, 0, best.Seconds);
        Assert.Equal(SimulatedAnnealing.Run(g, options, 7, 1).BestSpins, SimulatedAnnealing.Run(g, options, 7, 1).BestSpins); // same seed and run, same result
    }

    [Fact]
    public void Annealing_with_weights_too_large_for_the_acceptance_table_still_finds_the_maximum()
    {
        MaxCutGraph small = SmallGraphs.Random(12, 0.5, 6);
        MaxCutGraph large = MaxCutGraph.FromEdges("large", 12, small.Edges.Select(e => (e.I, e.J, e.W * 100_000)));
        var options = new AnnealingOptions { Sweeps = 2000, StartTemperature = 300_000, EndTemperature = 5_000 };
        Assert.Equal(SmallGraphs.BruteForce(large), Enumerable.Range(0, 3).Max(run => SimulatedAnnealing.Run(large, options, 3, run).BestCut));
    }

    [Fact]
    public void Impossible_schedules_are_named()
    {
        MaxCutGraph g = SmallGraphs.Random(5, 0.5, 5);
        Assert.Contains("annealing", Assert.Throws<ArgumentException>(() => SimulatedAnnealing.Run(g, new AnnealingOptions { EndTemperature = 0 }, 1, 0)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MaxCutGraph.FromEdges("bad", 3, [(0, 3, 1)]));
    }
}
