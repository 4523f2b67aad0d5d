using SpikeCore.Checkpoints;
using SpikeCore.Random;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Sources;

/// <summary>Next spike time of each Poisson source, kept as its emitter key.</summary>
internal sealed class PoissonSourceRuntime : PopulationRuntime
{
    private readonly KeyedRandom[] _rng;
    private readonly double[] _segmentStartMs;
    private readonly double[] _rateHz;
    private readonly double[] _nextMs;
    private readonly double[] _scale;

    public PoissonSourceRuntime(PoissonSource model, PopulationLayout layout)
        : base(layout)
    {
        _segmentStartMs = model.TimesMs.ToArray();
        _rateHz = model.RatesHz.ToArray();
        _scale = layout.ParameterValues("rate_scale", model.RateScale);
        _rng = new KeyedRandom[Count];
        for (int i = 0; i < Count; i++)
        {
            _rng[i] = KeyedRandom.Create(layout.Seed, StreamPurpose.PoissonSpikes(Info.Index), (ulong)(layout.Offset + i));
        }

        _nextMs = new double[Count];
    }

    public override void Start(SimulationCore core, double timeMs)
    {
        base.Start(core, timeMs);
        for (int i = 0; i < Count; i++)
        {
            _nextMs[i] = Next(i, timeMs);
            core.SetEmitterTime(FirstId + i, _nextMs[i]);
        }
    }

    public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor) =>
        throw new InvalidOperationException($"Poisson source '{Info.Name}' takes no input");

    public override void OnEmitterDue(int local, double timeMs)
    {
        Core.Spike(FirstId + local, timeMs);
        _nextMs[local] = Next(local, timeMs);
        Core.SetEmitterTime(FirstId + local, _nextMs[local]);
    }

    public override void Checkpoint(StateArchive a)
    {
        a.Values(_rng.AsSpan());
        a.Values(_nextMs.AsSpan());
        a.Values(_scale.AsSpan());
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
        for (int i = 0; i < Count; i++)
        {
            _nextMs[i] = Next(i, timeMs);
            Core.SetEmitterTime(FirstId + i, _nextMs[i]);
        }
    }

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
