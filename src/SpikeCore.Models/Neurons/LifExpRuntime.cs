using System.Runtime.CompilerServices;
using SpikeCore.Models.Numerics;
using SpikeCore.Running;

namespace SpikeCore.Models.Neurons;

/// <summary>
/// State of a <see cref="LifExp"/> population (structure of arrays) and its event handling.
/// </summary>
/// <remarks>
/// <para>Representation: between resets V(t) = V∞ + A e^(−(t−T)/τm) + B e^(−(t−T)/τe) + C e^(−(t−T)/τi) with a
/// population-wide reference time T, so B = k_e I_e and C = k_i I_i scaled to T. An input of weight w at t adds
/// w k_e e^((t−T)/τe) to B and subtracts w k_e e^((t−T)/τm) from A (V stays continuous); the growth factors depend
/// only on t, so they are computed once per delivered block and each synapse costs two multiply-adds: no neuron is
/// ever "advanced", and no <c>exp</c> is taken per synapse. T moves forward (all coefficients rescaled, O(N)) before
/// the factors could overflow.</para>
/// <para>Spike prediction: each neuron's emitter key is a time before which it certainly does not fire. An
/// inhibitory input can only delay the crossing, so it leaves the key alone; an excitatory input lowers the key to
/// t + (the no-crossing bound of <see cref="ExponentialSum"/>, a few flops) when that is earlier. The exact root is
/// searched only when a key reaches the top of the heap; the result is then marked exact and fires if no input
/// changes it first.</para>
/// </remarks>
internal sealed class LifExpRuntime : PopulationRuntime
{
    /// <summary>Newton steps a pop may spend before it settles for a better lower bound (inputs usually arrive first).</summary>
    private const int RootStepBudget = 1;

    private readonly double[] _a, _b, _c;
    private readonly double[] _refractoryUntilMs;
    private readonly bool[] _clamped;
    private readonly bool[] _exact;
    private readonly DecayRates _rates;
    private readonly double _ke, _ki, _threshold, _reset, _refractory, _rest, _rebaseAfterMs;
    private double _vInf;
    private double _referenceMs;
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
        _rest = p.RestMv;
        _vInf = p.RestMv;
        _rebaseAfterMs = 100 * Math.Min(p.MembraneTauMs, Math.Min(p.ExcitatoryTauMs, p.InhibitoryTauMs));
        _a = new double[n];
        _b = new double[n];
        _c = new double[n];
        for (int j = 0; j < n; j++)
        {
            double v = layout.Initial[0]?[j] ?? p.RestMv;
            _b[j] = _ke * (layout.Initial[1]?[j] ?? 0);
            _c[j] = _ki * (layout.Initial[2]?[j] ?? 0);
            _a[j] = v - _vInf - _b[j] - _c[j];
        }

        _refractoryUntilMs = new double[n];
        _refractoryUntilMs.AsSpan().Fill(double.NegativeInfinity);
        _clamped = new bool[n];
        _exact = new bool[n];
    }

    public override void Start(SimulationCore core, double timeMs)
    {
        base.Start(core, timeMs);
        _referenceMs = timeMs;
        _factorsAtMs = double.NaN;
        SetFactors(timeMs);
        for (int j = 0; j < Count; j++)
        {
            core.SetEmitterTime(FirstId + j, double.PositiveInfinity);
            LowerKey(j, timeMs);
        }
    }

    public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
    {
        SetFactors(timeMs);
        if (receptor == 2)
        {
            DeliverVoltage(timeMs, targets, weights);
            return;
        }

        double k = receptor == 0 ? _ke : _ki;
        double toCurrent = k * (receptor == 0 ? _growE : _growI);
        double toMembrane = k * _growM;
        double[] current = receptor == 0 ? _b : _c;
        double[] a = _a;
        for (int i = 0; i < targets.Length; i++)
        {
            int j = targets[i];
            double w = weights[i];
            current[j] += w * toCurrent;
            a[j] -= w * toMembrane;
            if (w > 0)
            {
                LowerKey(j, timeMs);
            }
            else
            {
                _exact[j] = false; // the crossing can only come later: the key stays a valid lower bound
            }
        }
    }

    public override void OnEmitterDue(int j, double timeMs)
    {
        SetFactors(timeMs);
        if (_clamped[j])
        {
            Unclamp(j);
        }
        else if (_exact[j])
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

        _exact[j] = exact && !double.IsPositiveInfinity(s);
        Core.SetEmitterTime(FirstId + j, timeMs + s);
    }

    public override void SetCurrent(double amplitude, double timeMs)
    {
        SetFactors(timeMs);
        double newVInf = _rest + amplitude;
        double shift = (_vInf - newVInf) * _growM;
        for (int j = 0; j < Count; j++)
        {
            _a[j] += shift; // V stays continuous while V∞ moves
            _exact[j] = false;
        }

        _vInf = newVInf;
        for (int j = 0; j < Count; j++)
        {
            LowerKey(j, timeMs);
        }
    }

    public override double Sample(int local, int variable, double timeMs)
    {
        _rates.Decays(timeMs - _referenceMs, out double xm, out double xe, out double xi);
        return variable switch
        {
            0 when _clamped[local] => _reset,
            0 => _vInf + _a[local] * xm + _b[local] * xe + _c[local] * xi,
            1 => _b[local] * xe / _ke,
            _ => _c[local] * xi / _ki,
        };
    }

    private void DeliverVoltage(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            int j = targets[i];
            if (_clamped[j])
            {
                continue; // dropped while refractory, as in NEST
            }

            _a[j] += weights[i] * _growM;
            if (weights[i] > 0)
            {
                LowerKey(j, timeMs);
            }
            else
            {
                _exact[j] = false;
            }
        }
    }

    private void Fire(int j, double timeMs)
    {
        Core.Spike(FirstId + j, timeMs);
        _exact[j] = false;
        _clamped[j] = true;
        _refractoryUntilMs[j] = timeMs + _refractory;
        if (_refractory > 0)
        {
            Core.SetEmitterTime(FirstId + j, _refractoryUntilMs[j]);
            return;
        }

        Unclamp(j);
        Core.SetEmitterTime(FirstId + j, double.PositiveInfinity);
        LowerKey(j, timeMs);
    }

    /// <summary>End of the refractory clamp at the current factor time: V = V_reset with the currents as they are.</summary>
    private void Unclamp(int j)
    {
        _clamped[j] = false;
        double v = _reset - _vInf - _b[j] * _decayE - _c[j] * _decayI;
        _a[j] = v * _growM;
    }

    /// <summary>Lowers neuron j's key to the earliest time its present trajectory could reach threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LowerKey(int j, double timeMs)
    {
        _exact[j] = false;
        if (_clamped[j])
        {
            return; // the key is the end of the refractory period, a valid lower bound
        }

        int id = FirstId + j;
        double a = _a[j] * _decayM, b = _b[j] * _decayE, c = _c[j] * _decayI;
        double f = _vInf - _threshold + a + b + c;
        double room = Core.EmitterTime(id) - timeMs;

        // Fast rejection: f rises no faster than its rising terms do now, so if that slope cannot close the gap
        // before the present key, the key stays valid (most inputs end here, with no division and no exp).
        double slope = Math.Max(-a * _rates.RateM, 0) + Math.Max(-b * _rates.Rate1, 0) + Math.Max(-c * _rates.Rate2, 0);
        if (f + slope * room < 0)
        {
            return;
        }

        if (f >= 0)
        {
            _exact[j] = true;
            Core.SetEmitterTime(id, timeMs);
            return;
        }

        double bound = new ExponentialSum(_vInf - _threshold, a, b, c, _rates).NoCrossingBeforeMs();
        if (bound < room)
        {
            Core.SetEmitterTime(id, timeMs + bound);
        }
    }

    /// <summary>Distance to threshold of neuron j from the current factor time on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ExponentialSum Trajectory(int j) =>
        new(_vInf - _threshold, _a[j] * _decayM, _b[j] * _decayE, _c[j] * _decayI, _rates);

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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Rebase(double timeMs)
    {
        _rates.Decays(timeMs - _referenceMs, out double xm, out double xe, out double xi);
        for (int j = 0; j < Count; j++)
        {
            _a[j] *= xm;
            _b[j] *= xe;
            _c[j] *= xi;
        }

        _referenceMs = timeMs;
    }
}
