using SpikeCore.Checkpoints;
using SpikeCore.Random;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Synapses;

/// <summary>State of one <see cref="DiffusiveMemristor"/> projection: (f, r), the series drift state and the last pulse time per block.</summary>
internal sealed class DiffusiveMemristorRuntime : SynapseRuntime
{
    private readonly DiffusiveMemristor _m;
    private readonly double[] _f, _r, _drift, _lastMs;
    private readonly KeyedRandom[] _rng;
    private readonly float[] _scratch;

    public DiffusiveMemristorRuntime(DiffusiveMemristor m, SynapseLayout layout)
        : base(layout)
    {
        _m = m;
        int[] blocks = layout.Blocks;
        _f = new double[blocks.Length];
        _r = new double[blocks.Length];
        _drift = new double[blocks.Length];
        _lastMs = new double[blocks.Length];
        _lastMs.AsSpan().Fill(double.NaN);
        _rng = new KeyedRandom[m.StochasticRupture ? blocks.Length : 0];
        for (int k = 0; k < _rng.Length; k++)
        {
            _rng[k] = KeyedRandom.Create(layout.Seed, StreamPurpose.Rupture(layout.Projection), (ulong)layout.WholeBlock(k)); // a block cut between partitions draws alike in each
        }

        _scratch = new float[layout.LargestBlock];
    }

    public override void Checkpoint(StateArchive a)
    {
        a.Arrays(_f, _r, _drift, _lastMs);

        a.Values(_rng.AsSpan());
    }

    public override void Deliver(double timeMs, int block, int start, int count, int receptor)
    {
        int lb = Layout.LocalBlock[block];
        double f = _f[lb], r = _r[lb];
        if (!double.IsNaN(_lastMs[lb]))
        {
            double pulseEnd = _lastMs[lb] + _m.PulseWidthMs;
            (f, r) = _m.StochasticRupture
                ? RelaxWithRupture(lb, f, r, pulseEnd, timeMs)
                : _m.Relax(f, r, Math.Max(0, timeMs - pulseEnd));
        }

        (f, r, double drift) = _m.ApplyPulse(f, r, _drift[lb]);
        _f[lb] = f;
        _r[lb] = r;
        _drift[lb] = drift;
        _lastMs[lb] = timeMs;
        float scale = (float)_m.Efficacy(f, r, drift);
        Span<float> w = _scratch.AsSpan(0, count);
        ReadOnlySpan<float> weights = Weights.AsSpan(start, count);
        for (int k = 0; k < count; k++)
        {
            w[k] = weights[k] * scale;
        }

        Target.Deliver(timeMs, Targets.AsSpan(start, count), w, receptor);
    }

    public override int FirstNonFiniteSynapse()
    {
        int bad = Array.FindIndex(_f, x => !double.IsFinite(x));
        bad = bad >= 0 ? bad : Array.FindIndex(_r, x => !double.IsFinite(x));
        return bad >= 0 ? Layout.SynapseOffset[bad] : -1; // the state is per block: its first synapse
    }

    /// <summary>
    /// The state at <paramref name="toMs"/> with rupture events sampled by thinning: f only decays between pulses, so
    /// κ f^m at the last event bounds the hazard; a candidate at t is accepted with probability (f(t)/f_bound)^m and
    /// removes η f.
    /// </summary>
    private (double F, double R) RelaxWithRupture(int lb, double f, double r, double fromMs, double toMs)
    {
        double t = fromMs;
        while (t < toMs && f > 1e-12)
        {
            double bound = _m.RuptureRatePerS / 1000 * Math.Pow(f, _m.RuptureExponent); // per ms
            double next = bound > 0 ? t + (_rng[lb].NextExponential() / bound) : double.PositiveInfinity;
            if (next >= toMs)
            {
                break;
            }

            (double f1, double r1) = _m.Relax(f, r, next - t);
            if (_rng[lb].NextDouble() < Math.Pow(f1 / f, _m.RuptureExponent))
            {
                f1 -= _m.RuptureFraction * f1;
            }

            (f, r, t) = (f1, r1, next);
        }

        return _m.Relax(f, r, Math.Max(0, toMs - t));
    }
}
