namespace SpikeCore.Optimization.Solvers;

/// <summary>
/// Independent runs of one solver on one instance, summarised the way Ising-machine papers report them: the best cut,
/// the mean, how often a run reached the target (the best known cut, else the best found), the time to first reach the
/// best found (wall time of all runs before it plus its own time to best) and TTS99 = t_run ln(0.01)/ln(1 − p).
/// </summary>
/// <param name="Runs">The runs, in order.</param>
/// <param name="BestKnown">The literature's best cut, if known.</param>
public sealed record RunSummary(IReadOnlyList<SolverRun> Runs, long? BestKnown)
{
    /// <summary>Runs solver(run) for run = 0, 1, ... until <paramref name="maxRuns"/> runs or <paramref name="timeLimitSeconds"/> of wall time.</summary>
    public static RunSummary Collect(Func<int, SolverRun> solver, int maxRuns, double timeLimitSeconds, long? bestKnown, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRuns, 1);
        var runs = new List<SolverRun>();
        double elapsed = 0;
        while (runs.Count < maxRuns && (runs.Count == 0 || elapsed < timeLimitSeconds))
        {
            SolverRun r = solver(runs.Count);
            runs.Add(r);
            elapsed += r.Seconds;
            progress?.Report(Math.Max(runs.Count / (double)maxRuns, double.IsFinite(timeLimitSeconds) ? elapsed / timeLimitSeconds : 0));
        }

        return new RunSummary(runs, bestKnown);
    }

    /// <summary>The best cut of any run.</summary>
    public long BestCut => Runs.Max(r => r.BestCut);

    /// <summary>Mean of the runs' best cuts.</summary>
    public double MeanCut => Runs.Average(r => r.BestCut);

    /// <summary>The cut a run must reach to count as a hit: the best known, or the best found when none is known.</summary>
    public long Target => BestKnown ?? BestCut;

    /// <summary>Fraction of runs that reached <see cref="Target"/>.</summary>
    public double HitRate => Runs.Count(r => r.BestCut >= Target) / (double)Runs.Count;

    /// <summary>Mean wall time per run.</summary>
    public double SecondsPerRun => Runs.Average(r => r.Seconds);

    /// <summary>Wall time until a run first reached <see cref="BestCut"/>, counting the runs before it.</summary>
    public double SecondsToBest
    {
        get
        {
            double before = 0;
            foreach (SolverRun r in Runs)
            {
                if (r.BestCut == BestCut)
                {
                    return before + r.SecondsToBest;
                }

                before += r.Seconds;
            }

            return before;
        }
    }

    /// <summary>The best cut found so far against wall time, the runs laid end to end.</summary>
    public IReadOnlyList<(double Seconds, long Cut)> BestSoFar()
    {
        var curve = new List<(double Seconds, long Cut)>();
        double before = 0;
        long best = long.MinValue;
        foreach (SolverRun r in Runs)
        {
            foreach ((double seconds, long cut) in r.Improvements)
            {
                if (cut > best)
                {
                    best = cut;
                    curve.Add((before + seconds, cut));
                }
            }

            before += r.Seconds;
        }

        curve.Add((before, best));
        return curve;
    }

    /// <summary>Time to reach the target with 99% probability: t_run ln(0.01)/ln(1 − p); t_run if p = 1, +∞ if p = 0.</summary>
    public double Tts99Seconds => HitRate switch
    {
        >= 1 => SecondsPerRun,
        <= 0 => double.PositiveInfinity,
        _ => SecondsPerRun * Math.Log(0.01) / Math.Log(1 - HitRate),
    };
}
