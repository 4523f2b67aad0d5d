using SpikeCore.Checkpoints;
using SpikeCore.Random;
using SpikeCore.Running;
using SpikeCore.Runtimes;
using SpikeCore.Scheduling;

namespace SpikeCore.Models.Sources;

/// <summary>Next spike time of each Poisson source, in a queue whose earliest is the population's one emitter key.</summary>
/// <remarks>
/// The trains take turns in time order as they would as emitters of their own in the scheduler's heap (ties by id, and
/// the population's key is its first neuron's, so against other populations too): the same spikes in the same order,
/// but a source's next spike goes back in without a sift through the heap. Up to <see cref="TreeTrains"/> trains wait in
/// a winner tree (one branch-free path per spike), more in a calendar queue (O(1) per spike): per spike
/// (<c>PoissonQueueBenchmarks</c>, 2026-12-06) 14.7 / 22.6 / 34 / 94 ns for 64 / 784 / 10,000 / 100,000 trains in the
/// tree against 38-43 ns up to 10,000 and 78-84 ns at 100,000 in the calendar.
/// </remarks>
internal sealed class PoissonSourceRuntime : PopulationRuntime
{
    private readonly KeyedRandom[] _rng;
    private readonly double[] _segmentStartMs;
    private readonly double[] _rateHz;

    /// <summary>The highest rate of the schedule (the calendar's bucket width follows it).</summary>
    private readonly double _maxRateHz;
    private readonly double[] _nextMs;
    private readonly double[] _scale;

    /// <summary>The trains' queue: a winner tree up to <see cref="TreeTrains"/> trains (null above), else the calendar.</summary>
    private readonly TournamentQueue? _tree;
    private readonly CalendarQueue? _calendar;

    /// <summary>The most trains kept in a winner tree (14 levels); beyond, its path leaves the cache and the calendar wins.</summary>
    private const int TreeTrains = 1 << 14;

    public PoissonSourceRuntime(PoissonSource model, PopulationLayout layout)
        : base(layout)
    {
        _segmentStartMs = model.TimesMs.ToArray();
        _rateHz = model.RatesHz.ToArray();
        _maxRateHz = _rateHz.Max();
        _scale = layout.ParameterValues("rate_scale", model.RateScale);
        _rng = new KeyedRandom[Count];
        for (int i = 0; i < Count; i++)
        {
            _rng[i] = KeyedRandom.Create(layout.Seed, StreamPurpose.PoissonSpikes(Info.Index), (ulong)(layout.Offset + i));
        }

        _nextMs = new double[Count];
        if (Count <= TreeTrains)
        {
            _tree = new TournamentQueue(Count);
        }
        else
        {
            _calendar = new CalendarQueue(Count);
        }
    }

    public override void Start(SimulationCore core, double timeMs)
    {
        base.Start(core, timeMs);
        DrawAll(timeMs);
    }

    public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor) =>
        throw new InvalidOperationException($"Poisson source '{Info.Name}' takes no input");

    /// <summary>The population's key came due: its earliest train fires and draws its next spike.</summary>
    public override void OnEmitterDue(int local, double timeMs)
    {
        int i = _tree?.TopId ?? _calendar!.TopId;
        Core.Spike(FirstId + i, timeMs);
        _nextMs[i] = Next(i, timeMs);
        if (_tree is not null)
        {
            _tree.Set(i, _nextMs[i]);
        }
        else
        {
            _calendar!.RemoveTop();
            _calendar.Add(i, _nextMs[i]);
        }

        Core.SetEmitterTime(FirstId, TopTimeMs);
    }

    public override void Checkpoint(StateArchive a)
    {
        a.Values(_rng.AsSpan());
        a.Values(_nextMs.AsSpan());
        a.Values(_scale.AsSpan());
        if (a.Loading)
        {
            Refill(Core.NowMs);
        }
    }

    /// <summary>
    /// <c>rate_scale</c> from <paramref name="timeMs"/> on: each train's next spike is drawn afresh from then, which is
    /// exact because a Poisson process has no memory (the time since its last spike says nothing about the next).
    /// </summary>
    public override void SetParameter(string name, ReadOnlySpan<double> values, double timeMs)
    {
        if (name != "rate_scale")
        {
            base.SetParameter(name, values, timeMs);
        }

        values.CopyTo(_scale);
        DrawAll(timeMs);
    }

    /// <summary>Every train's next spike drawn from <paramref name="timeMs"/> on.</summary>
    private void DrawAll(double timeMs)
    {
        for (int i = 0; i < Count; i++)
        {
            _nextMs[i] = Next(i, timeMs);
        }

        Refill(timeMs);
    }

    /// <summary>
    /// The queue holds <see cref="_nextMs"/> again (none is before <paramref name="timeMs"/>; a calendar's buckets about
    /// the mean time between the population's spikes at its highest rate), and the emitter key is its earliest.
    /// </summary>
    private void Refill(double timeMs)
    {
        if (_tree is not null)
        {
            for (int i = 0; i < Count; i++)
            {
                _tree.Set(i, _nextMs[i]);
            }
        }
        else
        {
            double scaleSum = 0;
            foreach (double x in _scale)
            {
                scaleSum += x;
            }

            double eventsPerMs = _maxRateHz * scaleSum * 1e-3;
            _calendar!.Clear(timeMs, eventsPerMs > 1e-9 && double.IsFinite(eventsPerMs) ? 1 / eventsPerMs : 1);
            for (int i = 0; i < Count; i++)
            {
                _calendar.Add(i, _nextMs[i]);
            }
        }

        if (Count > 0)
        {
            Core.SetEmitterTime(FirstId, TopTimeMs);
        }
    }

    /// <summary>The earliest train's next spike.</summary>
    private double TopTimeMs => _tree?.TopTimeMs ?? _calendar!.TopTimeMs;

    public override int FirstNonFiniteNeuron() => -1; // next spike times may be +∞ by design; nothing else is stored

    public override double Sample(int local, int variable, double timeMs) => _nextMs[local];

    /// <summary>The first spike after <paramref name="fromMs"/>: walk the rate segments until an Exp(1) budget of Λ is used.</summary>
    private double Next(int i, double fromMs)
    {
        double budget = _rng[i].NextExponential();
        double t = fromMs;
        int k = Array.BinarySearch(_segmentStartMs, t);
        k = k >= 0 ? k : ~k - 1;
        if (k < 0)
        {
            t = _segmentStartMs[0];
            k = 0;
        }

        while (true)
        {
            double rate = _rateHz[k] * _scale[i] * 1e-3; // per ms
            double end = k + 1 < _segmentStartMs.Length ? _segmentStartMs[k + 1] : double.PositiveInfinity;
            double capacity = rate * (end - t);
            if (rate > 0 && budget <= capacity)
            {
                double next = t + budget / rate;
                return next > fromMs ? next : Math.BitIncrement(fromMs);
            }

            if (double.IsPositiveInfinity(end))
            {
                return double.PositiveInfinity;
            }

            budget -= capacity;
            t = end;
            k++;
        }
    }
}
