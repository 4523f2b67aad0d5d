using System.Runtime.CompilerServices;
using SpikeCore.Checkpoints;
using SpikeCore.Models.Numerics;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons;

/// <summary>
/// State of a <see cref="LifExp"/> population and its event handling.
/// </summary>
/// <remarks>
/// <para>Representation: between resets V(t) = V∞ + A e^(−(t−T)/τm) + B e^(−(t−T)/τe) + C e^(−(t−T)/τi) with a
/// population-wide reference time T, so B = k_e I_e and C = k_i I_i scaled to T. An input of weight w at t adds
/// w k_e e^((t−T)/τe) to B and subtracts w k_e e^((t−T)/τm) from A (V stays continuous); the growth factors depend
/// only on t, so they are computed once per delivered block and each synapse costs two multiply-adds: no neuron is
/// ever "advanced", and no <c>exp</c> is taken per synapse. T moves forward (all coefficients rescaled, O(N)) before
/// the factors could overflow. The three coefficients of a neuron sit together (24 bytes).</para>
/// <para>Spike prediction: each neuron's emitter key is a time before which it certainly does not fire. An
/// inhibitory input can only delay the crossing, so it leaves the key alone. A key set after an input is certified
/// with a margin: V stays at least m below threshold until then; each later excitatory input subtracts its PSP peak
/// (w times the peak of the unit PSP) from that slack, and only when the slack is gone is a new bound computed
/// (<see cref="ExponentialSum"/>, a few flops) and the key lowered if it is earlier. A key that reaches the top of the
/// heap is refined by the certified bound again (inputs usually arrive before a far crossing, so searching it to the
/// end would be wasted) and, when that makes no progress, by the exact root search; an exact key fires if nothing
/// changes it first.</para>
/// </remarks>
internal sealed class LifExpRuntime : PopulationRuntime
{
    /// <summary>
    /// Newton steps a visit may take before it settles for the certified bound. 0 measured fastest on CUBA (0.88 s per
    /// 5 s against 0.92 for 1 and 0.97 for 4): the quadratic envelope is tight, and most far crossings never happen.
    /// </summary>
    private const int RootStepBudget = 0;

    private const byte Clamped = 1, Exact = 2;

    /// <summary>
    /// Fraction of the present distance to threshold that a new key is certified to keep in reserve, so that the next
    /// excitatory inputs, whose PSP peaks fit in it, need no new bound (CUBA: 0.19 → 0.13 s per simulated second;
    /// 0.1 to 0.3 measured alike, 0.75 worse: the keys come too early).
    /// </summary>
    private const double MarginFraction = 0.25;

    private readonly Coefficients[] _n;
    private readonly byte[] _flags;
    private readonly DecayRates _rates;
    private readonly double _ke, _ki, _threshold, _reset, _refractory, _rest, _rebaseAfterMs;

    /// <summary>Threshold, reset and refractory period per neuron when the network draws them so (null: the scalars hold).</summary>
    private readonly double[]? _thresholds, _resets, _refractories;
    private readonly double _peakE, _peakI;
    private double[] _keys = [];
    private double _vInf;
    private double _referenceMs, _startMs;
    private long _rebases;
    private readonly double _rebaseDecayM, _rebaseDecayE, _rebaseDecayI;
    private double _factorsAtMs = double.NaN;
    private double _decayM, _decayE, _decayI, _growM, _growE, _growI;

    public LifExpRuntime(LifExp p, PopulationLayout layout)
        : base(layout)
    {
        int n = Count;
        _rates = new DecayRates(p.MembraneTauMs, p.ExcitatoryTauMs, p.InhibitoryTauMs);
        _ke = p.ExcitatoryTauMs / (p.ExcitatoryTauMs - p.MembraneTauMs);
        _ki = p.InhibitoryTauMs / (p.InhibitoryTauMs - p.MembraneTauMs);
        _threshold = p.ThresholdMv;
        _reset = p.ResetMv;
        _refractory = p.RefractoryMs;
        _thresholds = layout.ParameterValues("threshold_mv");
        _resets = layout.ParameterValues("reset_mv");
        _refractories = layout.ParameterValues("refractory_ms");
        _rest = p.RestMv;
        _vInf = p.RestMv;
        _rebaseAfterMs = 100 * Math.Min(p.MembraneTauMs, Math.Min(p.ExcitatoryTauMs, p.InhibitoryTauMs));
        _rates.Decays(_rebaseAfterMs, out _rebaseDecayM, out _rebaseDecayE, out _rebaseDecayI);
        _peakE = PeakOfUnitPsp(p.ExcitatoryTauMs, p.MembraneTauMs);
        _peakI = PeakOfUnitPsp(p.InhibitoryTauMs, p.MembraneTauMs);
        _n = new Coefficients[n];
        for (int j = 0; j < n; j++)
        {
            double v = layout.Initial[0]?[j] ?? p.RestMv;
            double b = _ke * (layout.Initial[1]?[j] ?? 0);
            double c = _ki * (layout.Initial[2]?[j] ?? 0);
            _n[j] = new Coefficients { A = v - _vInf - b - c, B = b, C = c };
        }

        _flags = new byte[n];
    }

    public override void Start(SimulationCore core, double timeMs)
    {
        base.Start(core, timeMs);
        _keys = core.EmitterKeys;
        _referenceMs = _startMs = timeMs;
        _rebases = 0;
        _factorsAtMs = double.NaN;
        SetFactors(timeMs);
        for (int j = 0; j < Count; j++)
        {
            LowerKey(j, timeMs); // keys start at +∞
        }
    }

    public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
    {
        SetFactors(timeMs);
        if (receptor == 2)
        {
            DeliverVoltage(timeMs, targets, weights);
        }
        else if (receptor == 0)
        {
            DeliverCurrent(timeMs, targets, weights, 0, _ke * _growE, _ke * _growM, _peakE);
        }
        else
        {
            DeliverCurrent(timeMs, targets, weights, 1, _ki * _growI, _ki * _growM, _peakI);
        }
    }

    public override void OnEmitterDue(int j, double timeMs)
    {
        SetFactors(timeMs);
        if ((_flags[j] & Clamped) != 0)
        {
            Unclamp(j);
        }
        else if ((_flags[j] & Exact) != 0)
        {
            Fire(j, timeMs);
            return;
        }

        ExponentialSum trajectory = Trajectory(j);
        double s = trajectory.FirstRootMs(RootStepBudget, out bool exact);
        if (!exact && timeMs + s <= timeMs)
        {
            s = trajectory.FirstRootMs(int.MaxValue, out exact); // the bound made no progress in time: finish the search
        }

        if (s == 0 && exact)
        {
            Fire(j, timeMs);
            return;
        }

        _flags[j] = exact && !double.IsPositiveInfinity(s) ? Exact : (byte)0;
        _n[j].SlackMv = 0; // this key is certified with no margin
        Core.SetEmitterTime(FirstId + j, timeMs + s);
    }

    public override void SetCurrent(double amplitude, double timeMs)
    {
        SetFactors(timeMs);
        double newVInf = _rest + amplitude;
        double shift = (_vInf - newVInf) * _growM;
        for (int j = 0; j < Count; j++)
        {
            _n[j].A += shift; // V stays continuous while V∞ moves
        }

        _vInf = newVInf;
        for (int j = 0; j < Count; j++)
        {
            LowerKey(j, timeMs);
        }
    }

    public override void Checkpoint(StateArchive a)
    {
        a.Values(_n.AsSpan());
        a.Values(_flags.AsSpan());
        a.Value(ref _vInf);
        a.Value(ref _referenceMs);
        a.Value(ref _startMs);
        a.Value(ref _rebases);
        a.Value(ref _factorsAtMs);
        a.Value(ref _decayM);
        a.Value(ref _decayE);
        a.Value(ref _decayI);
        a.Value(ref _growM);
        a.Value(ref _growE);
        a.Value(ref _growI);
    }

    public override int FirstNonFiniteNeuron()
    {
        for (int j = 0; j < _n.Length; j++)
        {
            if (!double.IsFinite(_n[j].A + _n[j].B + _n[j].C))
            {
                return j;
            }
        }

        return -1;
    }

    public override double Sample(int local, int variable, double timeMs)
    {
        _rates.Decays(timeMs - _referenceMs, out double xm, out double xe, out double xi);
        ref Coefficients n = ref _n[local];
        return variable switch
        {
            0 when (_flags[local] & Clamped) != 0 => ResetOf(local),
            0 => _vInf + n.A * xm + n.B * xe + n.C * xi,
            1 => n.B * xe / _ke,
            _ => n.C * xi / _ki,
        };
    }

    /// <summary>Current inputs: receptor 0 adds to B (excitatory current), 1 to C (inhibitory current).</summary>
    private void DeliverCurrent(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor, double toCurrent, double toMembrane, double peak)
    {
        Coefficients[] state = _n;
        for (int i = 0; i < targets.Length; i++)
        {
            if (i + Prefetch.Distance < targets.Length)
            {
                Prefetch.Read(ref state[targets[i + Prefetch.Distance]]); // out of cache, 3x the events per second
            }

            int j = targets[i];
            double w = weights[i];
            ref Coefficients n = ref state[j];
            if (receptor == 0)
            {
                n.B += w * toCurrent;
            }
            else
            {
                n.C += w * toCurrent;
            }

            n.A -= w * toMembrane;
            if (w > 0)
            {
                n.SlackMv -= w * peak;
                if (n.SlackMv > 0)
                {
                    _flags[j] &= Clamped; // this input's whole PSP fits in the margin the key was certified with
                    continue;
                }

                LowerKey(j, timeMs);
            }
            else
            {
                _flags[j] &= Clamped; // the crossing can only come later: the key stays a valid lower bound
            }
        }
    }

    private void DeliverVoltage(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            if (i + Prefetch.Distance < targets.Length)
            {
                Prefetch.Read(ref _n[targets[i + Prefetch.Distance]]);
            }

            int j = targets[i];
            if ((_flags[j] & Clamped) != 0)
            {
                continue; // dropped while refractory, as in NEST
            }

            _n[j].A += weights[i] * _growM;
            if (weights[i] > 0)
            {
                LowerKey(j, timeMs);
            }
            else
            {
                _flags[j] = 0;
            }
        }
    }

    private void Fire(int j, double timeMs)
    {
        Core.Spike(FirstId + j, timeMs);
        _flags[j] = Clamped;
        _n[j].SlackMv = 0;
        double refractory = _refractories?[j] ?? _refractory;
        if (refractory > 0)
        {
            Core.SetEmitterTime(FirstId + j, timeMs + refractory); // the clamp ends when this key comes up
            return;
        }

        Unclamp(j);
        Core.SetEmitterTime(FirstId + j, double.PositiveInfinity);
        LowerKey(j, timeMs);
    }

    /// <summary>End of the refractory clamp at the current factor time: V = V_reset with the currents as they are.</summary>
    private void Unclamp(int j)
    {
        _flags[j] = 0;
        ref Coefficients n = ref _n[j];
        n.A = (ResetOf(j) - _vInf - n.B * _decayE - n.C * _decayI) * _growM;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ThresholdOf(int j) => _thresholds is null ? _threshold : _thresholds[j];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ResetOf(int j) => _resets is null ? _reset : _resets[j];

    /// <summary>Lowers neuron j's key to the earliest time its present trajectory could reach threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LowerKey(int j, double timeMs)
    {
        if ((_flags[j] & Clamped) != 0)
        {
            return; // the key is the end of the refractory period, a valid lower bound
        }

        _flags[j] = 0;
        ref Coefficients n = ref _n[j];
        n.SlackMv = 0;
        double a = n.A * _decayM, b = n.B * _decayE, c = n.C * _decayI;
        double c0 = _vInf - ThresholdOf(j);
        if (c0 + Math.Max(a, 0) + Math.Max(b, 0) + Math.Max(c, 0) < 0)
        {
            return; // even the rising terms at their present size cannot reach threshold: no crossing ever
        }

        double f = c0 + a + b + c;
        int id = FirstId + j;
        double room = _keys[id] - timeMs;
        double margin = f < 0 ? -MarginFraction * f : 0; // certify f ≤ −margin, so later small inputs need no new bound

        // Fast rejection: f rises no faster than its rising terms do now, so if that slope cannot close the gap
        // before the present key, the key stays valid (most inputs end here, with no division and no log).
        double slope = Math.Max(-a * _rates.RateM, 0) + Math.Max(-b * _rates.Rate1, 0) + Math.Max(-c * _rates.Rate2, 0);
        if (f + margin + slope * room < 0)
        {
            n.SlackMv = margin;
            return;
        }

        if (f >= 0)
        {
            _flags[j] = Exact;
            Core.SetEmitterTime(id, timeMs);
            return;
        }

        double bound = new ExponentialSum(c0 + margin, a, b, c, _rates).NoCrossingBeforeMs(room);
        n.SlackMv = margin;
        if (bound < room)
        {
            Core.SetEmitterTime(id, timeMs + bound);
        }
    }

    /// <summary>Distance to threshold of neuron j from the current factor time on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ExponentialSum Trajectory(int j)
    {
        ref Coefficients n = ref _n[j];
        return new(_vInf - ThresholdOf(j), n.A * _decayM, n.B * _decayE, n.C * _decayI, _rates);
    }

    /// <summary>Makes the decay and growth factors those of <paramref name="timeMs"/>, moving the reference time first if they would grow too large.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetFactors(double timeMs)
    {
        if (timeMs == _factorsAtMs)
        {
            return;
        }

        if (timeMs - _referenceMs > _rebaseAfterMs)
        {
            Rebase(timeMs);
        }

        _rates.Decays(timeMs - _referenceMs, out _decayM, out _decayE, out _decayI);
        _growM = 1 / _decayM;
        _growE = 1 / _decayE;
        _growI = 1 / _decayI;
        _factorsAtMs = timeMs;
    }

    /// <summary>
    /// Moves the reference time T forward one grid step R at a time (T = start + k R) until <paramref name="timeMs"/> is
    /// within R of it, rescaling every neuron by the same fixed factors per step. A neuron's coefficients thus undergo
    /// the same operations between two of its own inputs whichever other neurons' events triggered the steps, so its
    /// results do not depend on its population neighbours to the last bit (the precondition for splitting a
    /// population across partitions). A silence of m R costs m passes over the population.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Rebase(double timeMs)
    {
        while (timeMs - _referenceMs > _rebaseAfterMs)
        {
            for (int j = 0; j < Count; j++)
            {
                ref Coefficients n = ref _n[j];
                n.A *= _rebaseDecayM;
                n.B *= _rebaseDecayE;
                n.C *= _rebaseDecayI;
            }

            _rebases++;
            _referenceMs = _startMs + (_rebases * _rebaseAfterMs);
        }
    }

    /// <summary>max over s of k (e^(−s/τ) − e^(−s/τm)), k = τ/(τ − τm): the PSP peak of a unit current input.</summary>
    private static double PeakOfUnitPsp(double tau, double tauM)
    {
        double s = Math.Log(tauM / tau) * tau * tauM / (tauM - tau);
        return tau / (tau - tauM) * (Math.Exp(-s / tau) - Math.Exp(-s / tauM));
    }

    /// <summary>One neuron's trajectory coefficients, together in memory.</summary>
    private struct Coefficients
    {
        public double A;
        public double B;
        public double C;

        /// <summary>How much more excitatory PSP peak (mV) the present key is certified to absorb.</summary>
        public double SlackMv;
    }
}
