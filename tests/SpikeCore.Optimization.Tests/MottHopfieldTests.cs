using SpikeCore.Optimization.MaxCut;
using SpikeCore.Optimization.Solvers;

namespace SpikeCore.Optimization.Tests;

public class MottHopfieldTests
{
    [Fact]
    public void Without_perturbation_or_hysteresis_it_stops_in_a_local_maximum_no_single_flip_improves()
    {
        MaxCutGraph g = SmallGraphs.Random(40, 0.2, 8);
        SolverRun r = MottHopfield.Run(g, new MottHopfieldOptions { Perturbation = Perturbation.None, HysteresisStart = 0, UpdatesPerSpin = 30 }, 2, 0);
        long[] h = CutValue.LocalFields(g, r.BestSpins);
        Assert.All(Enumerable.Range(0, 40), i => Assert.True(r.BestSpins[i] * h[i] <= 0, $"flipping spin {i} would gain {r.BestSpins[i] * h[i]}"));
        Assert.Equal(CutValue.Of(g, r.BestSpins), r.BestCut);
    }

    [Fact]
    public void Given_the_graphs_own_weights_as_couplings_it_makes_the_same_run()
    {
        // Couplings held elsewhere (arrays) that happen to be exact must change nothing: same flips, same cuts.
        MaxCutGraph g = SmallGraphs.Random(60, 0.15, 3);
        var j = new double[60 * 60];
        foreach ((int u, int v, int w) in g.Edges)
        {
            j[(u * 60) + v] += w;
            j[(v * 60) + u] += w;
        }

        var options = new MottHopfieldOptions { UpdatesPerSpin = 80 };
        SolverRun ideal = MottHopfield.Run(g, options, 4, 1), coupled = MottHopfield.Run(g, options, 4, 1, j);
        Assert.Equal(ideal.BestCut, coupled.BestCut);
        Assert.Equal(ideal.BestSpins, coupled.BestSpins);
        // Couplings of the wrong sign drive the spins to the smallest cut instead.
        Assert.True(MottHopfield.Run(g, options with { Perturbation = Perturbation.None }, 4, 1, [.. j.Select(w => -w)]).BestCut < ideal.BestCut);
    }

    [Theory]
    [InlineData(Perturbation.Chaos)]
    [InlineData(Perturbation.Noise)]
    public void With_a_perturbation_it_finds_the_brute_force_maximum_on_small_graphs(Perturbation perturbation)
    {
        var options = new MottHopfieldOptions { Perturbation = perturbation, UpdatesPerSpin = 60 };
        foreach ((int n, double p, int seed) in new[] { (14, 0.4, 2), (12, 0.8, 4) })
        {
            MaxCutGraph g = SmallGraphs.Random(n, p, seed);
            Assert.Equal(SmallGraphs.BruteForce(g), Enumerable.Range(0, 4).Max(run => MottHopfield.Run(g, options, 5, run).BestCut));
        }
    }

    [Fact]
    public void A_hysteresis_ramp_from_negative_to_positive_still_finds_the_maximum_and_a_huge_one_freezes_the_spins()
    {
        MaxCutGraph g = SmallGraphs.Random(14, 0.4, 2);
        var ramp = new MottHopfieldOptions { UpdatesPerSpin = 60, HysteresisStart = -0.5, HysteresisEnd = 0.3 };
        Assert.Equal(SmallGraphs.BruteForce(g), Enumerable.Range(0, 4).Max(run => MottHopfield.Run(g, ramp, 5, run).BestCut));
        // θ far above any field: no update may flip, so the run ends where it started (one point, the start).
        SolverRun frozen = MottHopfield.Run(g, ramp with { HysteresisStart = 1e9, HysteresisEnd = 1e9 }, 5, 0);
        SolverRun free = MottHopfield.Run(g, ramp with { Perturbation = Perturbation.None }, 5, 0);
        Assert.Single(frozen.Improvements);
        Assert.True(free.BestCut > frozen.BestCut);
    }

    [Fact]
    public void Same_seed_same_run_and_bad_options_are_named()
    {
        MaxCutGraph g = SmallGraphs.Random(10, 0.5, 3);
        var options = new MottHopfieldOptions { UpdatesPerSpin = 10 };
        Assert.Equal(MottHopfield.Run(g, options, 1, 0).BestSpins, MottHopfield.Run(g, options, 1, 0).BestSpins);
        Assert.Contains("updates per spin", Assert.Throws<ArgumentException>(() => MottHopfield.Run(g, options with { UpdatesPerSpin = 0 }, 1, 0)).Message, StringComparison.Ordinal);
        var quiet = options with { UpdatesPerSpin = 1, BiasSpreadV = 0, Oscillator = options.Oscillator with { BiasV = 5, StepNs = 1000 } };
        Assert.Contains("below threshold", Assert.Throws<InvalidOperationException>(() => MottHopfield.Run(g, quiet, 1, 0)).Message, StringComparison.Ordinal);
    }
}
