using SpikeCore.Optimization.Solvers;

namespace SpikeCore.Optimization.Tests;

public class RunSummaryTests
{
    private static SolverRun Run(long cut, double toBest, double seconds) => new(cut, [], toBest, seconds, [(toBest, cut)]);

    [Fact]
    public void Hit_rate_time_to_best_and_tts99_follow_their_definitions()
    {
        var summary = new RunSummary([Run(10, 0.1, 0.5), Run(12, 0.3, 0.5), Run(11, 0.2, 0.5), Run(12, 0.1, 0.5)], BestKnown: 12);
        Assert.Equal(12, summary.BestCut);
        Assert.Equal(11.25, summary.MeanCut);
        Assert.Equal(0.5, summary.HitRate);
        Assert.Equal(0.5 + 0.3, summary.SecondsToBest, 12); // the first run that reached 12, after one whole run
        Assert.Equal(0.5 * Math.Log(0.01) / Math.Log(0.5), summary.Tts99Seconds, 12);
        Assert.Equal(0, new RunSummary([Run(10, 0.1, 0.5)], BestKnown: 12).HitRate);
        Assert.True(double.IsPositiveInfinity(new RunSummary([Run(10, 0.1, 0.5)], BestKnown: 12).Tts99Seconds));
        Assert.Equal(1, new RunSummary([Run(10, 0.1, 0.5)], BestKnown: null).HitRate); // no best known: the best found is the target
    }

    [Fact]
    public void Collect_stops_at_the_run_count_or_the_time_limit()
    {
        Assert.Equal(3, RunSummary.Collect(r => Run(r, 0, 1), maxRuns: 3, timeLimitSeconds: 100, bestKnown: null).Runs.Count);
        Assert.Equal(2, RunSummary.Collect(r => Run(r, 0, 1), maxRuns: 10, timeLimitSeconds: 1.5, bestKnown: null).Runs.Count);
        Assert.Equal([0L, 1], RunSummary.Collect(r => Run(r, 0, 1), 10, 1.5, null).Runs.Select(r => r.BestCut));
    }

    [Fact]
    public void Best_so_far_lays_the_runs_end_to_end()
    {
        var runs = new[]
        {
            new SolverRun(10, [], 0.5, 1.0, [(0.1, 5), (0.5, 10)]),
            new SolverRun(8, [], 0.2, 2.0, [(0.2, 8)]),
            new SolverRun(12, [], 1.5, 2.0, [(0.4, 9), (1.5, 12)]),
        };
        Assert.Equal([(0.1, 5L), (0.5, 10L), (4.5, 12L), (5.0, 12L)], new RunSummary(runs, 12).BestSoFar());
    }
}
