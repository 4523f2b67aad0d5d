using System.Diagnostics;
using SpikeCore.Optimization.MaxCut;
using SpikeCore.Optimization.Solvers;

namespace SpikeCore.Optimization.Tests;

public class CutTrackerTests
{
    [Fact]
    public void After_any_flips_cut_and_fields_equal_their_definitions_and_the_best_visited_is_kept()
    {
        MaxCutGraph g = SmallGraphs.Random(30, 0.3, 11);
        var r = new System.Random(4);
        var tracker = new CutTracker(g, SmallGraphs.Spins(30, 0x2AAAAAAA), Stopwatch.StartNew());
        long bestSeen = tracker.Cut;
        for (int k = 0; k < 500; k++)
        {
            tracker.Flip(r.Next(30));
            bestSeen = Math.Max(bestSeen, tracker.Cut);
            Assert.Equal(CutValue.Of(g, tracker.Spins), tracker.Cut);
            Assert.Equal(CutValue.LocalFields(g, tracker.Spins), tracker.Fields);
        }

        SolverRun run = tracker.Result();
        Assert.Equal(bestSeen, run.BestCut);
        Assert.Equal(bestSeen, CutValue.Of(g, run.BestSpins));
        Assert.Equal(bestSeen, run.Improvements[^1].Cut);
        Assert.True(run.Improvements.Zip(run.Improvements.Skip(1)).All(p => p.Second.Cut > p.First.Cut && p.Second.Seconds >= p.First.Seconds));
    }
}
