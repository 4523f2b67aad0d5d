using System.Diagnostics;

namespace SpikeCore.Running;

/// <summary>
/// One run's wall time broken into phases (<see cref="ProfilePhase"/>) with their event counts: what a user tuning a
/// network reads to see where the time goes (<see cref="SimulationOptions.Profile"/>, <c>spikecore bench --profile</c>).
/// </summary>
/// <remarks>
/// Every event is counted; one in <see cref="SamplingInterval"/> on average is timed (two timestamp reads, their own
/// cost calibrated and subtracted) and stands for <see cref="SamplingInterval"/> events, so the phases' seconds are
/// estimates with the sampling's noise (a phase of a few thousand events is within a few percent). The gaps between
/// timed events are drawn uniformly from 1 to 2 × <see cref="SamplingInterval"/> − 1: a fixed gap locks onto a network's
/// periodic event pattern (clocked populations tick in a fixed order each step) and times the same kind of event
/// every time; COBA with 4,000 neurons in-degree 80 read 2.7 times its true clocked time that way. Measured overhead
/// on CUBA: 1.5% (median of five interleaved pairs of 10 s runs, pinned). What no event accounts for (the queue and
/// the heap between events, state checks, the loop itself) is <see cref="OtherSeconds"/>. Partitioned runs add their
/// partitions' phases, and <see cref="ProfilePhase.Exchange"/> and <see cref="ProfilePhase.Waiting"/> are measured at
/// every window's end on every thread, so the phases can sum to more than the wall time.
/// </remarks>
public sealed class RunProfile
{
    /// <summary>One event in this many is timed.</summary>
    public const int SamplingInterval = 64;

    /// <summary>The ticks two back-to-back timestamp reads take (the least of 1,000), subtracted from every timed event.</summary>
    private static readonly long s_timerTicks = Calibrate();

    private readonly long[] _ticks = new long[Enum.GetValues<ProfilePhase>().Length];
    private readonly long[] _counts = new long[Enum.GetValues<ProfilePhase>().Length];
    private readonly long[] _counters = new long[Enum.GetValues<ProfileCount>().Length];
    private int _untilSample = SamplingInterval; // not the first event: it compiles the code the others run
    private ulong _gapState = 0x9E3779B97F4A7C15;

    /// <summary>The run's wall time in seconds (set by the simulation when it reports the profile).</summary>
    public double WallSeconds { get; internal set; }

    /// <summary>Estimated seconds spent in <paramref name="phase"/>.</summary>
    public double Seconds(ProfilePhase phase) => _ticks[(int)phase] / (double)Stopwatch.Frequency;

    /// <summary>Events of <paramref name="phase"/> (windows for <see cref="ProfilePhase.Exchange"/>).</summary>
    public long Count(ProfilePhase phase) => _counts[(int)phase];

    /// <summary>How many of <paramref name="what"/> the run did.</summary>
    public long Count(ProfileCount what) => _counters[(int)what];

    /// <summary>Counts one more <paramref name="what"/>.</summary>
    internal void Increment(ProfileCount what) => _counters[(int)what]++;

    /// <summary>
    /// In a run on several threads, each thread's <see cref="ProfilePhase.Waiting"/> seconds (this process's threads;
    /// thread t runs partitions t, t + T, ...); empty otherwise. A thread that waits far less than the others is the one
    /// they wait for: its partitions hold more work than the cut's cost model gave them, or its CPU is slower.
    /// </summary>
    public IReadOnlyList<double> WaitingByThread { get; internal set; } = [];

    /// <summary>The wall time no phase accounts for (never below 0).</summary>
    public double OtherSeconds => Math.Max(0, WallSeconds - Enum.GetValues<ProfilePhase>().Sum(Seconds));

    /// <summary>Whether the event about to run is one of the timed ones.</summary>
    internal bool Sample()
    {
        if (--_untilSample > 0)
        {
            return false;
        }

        _gapState ^= _gapState << 13; // xorshift64: the gaps need no quality beyond having no period a network could share
        _gapState ^= _gapState >> 7;
        _gapState ^= _gapState << 17;
        _untilSample = 1 + (int)(_gapState % ((2 * SamplingInterval) - 1));
        return true;
    }

    /// <summary>Counts <paramref name="events"/> events of <paramref name="phase"/>; <paramref name="startTicks"/> ≥ 0 when they were timed from then.</summary>
    internal void Add(ProfilePhase phase, long startTicks, long events = 1)
    {
        _counts[(int)phase] += events;
        if (startTicks >= 0)
        {
            _ticks[(int)phase] += Math.Max(0, Stopwatch.GetTimestamp() - startTicks - s_timerTicks) * SamplingInterval;
        }
    }

    private static long Calibrate()
    {
        long least = long.MaxValue;
        for (int k = 0; k < 1000; k++)
        {
            long t0 = Stopwatch.GetTimestamp();
            least = Math.Min(least, Stopwatch.GetTimestamp() - t0);
        }

        return least;
    }

    /// <summary>Adds a measured (not sampled) stretch of <paramref name="phase"/>.</summary>
    internal void AddMeasured(ProfilePhase phase, long ticks)
    {
        _counts[(int)phase]++;
        _ticks[(int)phase] += ticks;
    }

    /// <summary>Adds <paramref name="other"/>'s phases to these.</summary>
    internal void Add(RunProfile other)
    {
        for (int k = 0; k < _ticks.Length; k++)
        {
            _ticks[k] += other._ticks[k];
            _counts[k] += other._counts[k];
        }

        for (int k = 0; k < _counters.Length; k++)
        {
            _counters[k] += other._counters[k];
        }
    }
}
