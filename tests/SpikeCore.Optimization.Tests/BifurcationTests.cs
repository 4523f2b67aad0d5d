using SpikeCore.Optimization.MaxCut;
using SpikeCore.Optimization.Solvers;

namespace SpikeCore.Optimization.Tests;

public class BifurcationTests
{
    [Fact]
    public void Discrete_simulated_bifurcation_finds_the_brute_force_maximum_on_small_graphs()
    {
        var options = new BifurcationOptions { Steps = 1000 };
        foreach ((int n, double p, int seed) in new[] { (14, 0.4, 2), (12, 0.8, 4), (16, 0.3, 6) })
        {
            MaxCutGraph g = SmallGraphs.Random(n, p, seed);
            SolverRun best = Enumerable.Range(0, 6).Select(run => SimulatedBifurcation.Run(g, options, 5, run)).MaxBy(r => r.BestCut)!;
            Assert.Equal(SmallGraphs.BruteForce(g), best.BestCut);
            Assert.Equal(CutValue.Of(g, best.BestSpins), best.BestCut);
        }
    }

    [Fact]
    public void On_a_dense_graph_of_positive_weights_the_default_step_keeps_the_uniform_mode_stable()
    {
        // K_{2m}: the maximum cut is m² (two halves); at Goto's Δt = 1.25 every spin flips every step (cut 0).
        const int m = 8;
        var edges = new List<(int, int, int)>();
        for (int i = 0; i < 2 * m; i++)
        {
            for (int j = i + 1; j < 2 * m; j++)
            {
                edges.Add((i, j, 1));
            }
        }

        MaxCutGraph complete = MaxCutGraph.FromEdges("K16", 2 * m, edges);
        Assert.Equal(m * m, SimulatedBifurcation.Run(complete, new BifurcationOptions(), 1, 0).BestCut);
        Assert.Contains("time step", Assert.Throws<ArgumentException>(() => SimulatedBifurcation.Run(complete, new BifurcationOptions { TimeStep = double.NaN }, 1, 0)).Message, StringComparison.Ordinal);
    }
}
