using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SpikeCore.Checkpoints;
using SpikeCore.Models.Numerics;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons;

/// <summary>State of a <see cref="LifCondExp"/> population and its fused, vectorised step.</summary>
/// <remarks>
/// Each conductance is kept as two numbers about the current step [t_n, t_n+1): X, its value at the step end, and
/// Y, its integral over the step. A step starts with X = g(t_n) e^(−h/τ) and Y = g(t_n) τ(1 − e^(−h/τ)); an input of
/// weight w at t inside the step adds w f to X and w τ(1 − f) to Y with f = e^(−(t_n+1 − t)/τ): exact, one
/// <c>exp</c> per delivered block, two multiply-adds per synapse. The step reads X and Y and leaves X·e^(−h/τ) and
/// X·τ(1 − e^(−h/τ)) for the next one: six arrays read and five written per neuron and step, nothing to clear.
/// </remarks>
internal sealed class LifCondExpRuntime : ClockedRuntime
{
    private readonly double[] _v, _endE, _integralE, _endI, _integralI, _refractoryUntilMs;
    private readonly double _h, _c, _gL, _eL, _eE, _eI, _tauE, _tauI, _decayE, _decayI;

    /// <summary>Threshold, reset and refractory period per neuron (the model's values unless the network draws them per neuron).</summary>
    private readonly double[] _threshold, _reset, _refractory;

    /// <summary>∫ over one step of a conductance that starts the step at 1 nS: τ(1 − e^(−h/τ)).</summary>
    private readonly double _areaE, _areaI;
    private double _current;
    private double _currentCorrection;

    public LifCondExpRuntime(LifCondExp p, PopulationLayout layout)
        : base(layout, p.StepMs)
    {
        int n = Count;
        _h = p.StepMs;
        _c = p.CapacitancePf;
        _gL = p.LeakConductanceNs;
        _eL = p.RestMv;
        _eE = p.Synapses.ExcitatoryReversalMv;
        _eI = p.Synapses.InhibitoryReversalMv;
        _tauE = p.Synapses.ExcitatoryTauMs;
        _tauI = p.Synapses.InhibitoryTauMs;
        _decayE = Math.Exp(-_h / _tauE);
        _decayI = Math.Exp(-_h / _tauI);
        _threshold = layout.ParameterValues("threshold_mv", p.ThresholdMv);
        _reset = layout.ParameterValues("reset_mv", p.ResetMv);
        _refractory = layout.ParameterValues("refractory_ms", p.RefractoryMs);
        _v = layout.Initial[0]?.ToArray() ?? Enumerable.Repeat(p.RestMv, n).ToArray();
        _areaE = _tauE * (1 - _decayE);
        _areaI = _tauI * (1 - _decayI);
        double kE = _areaE, kI = _areaI;
        _endE = (layout.Initial[1] ?? new double[n]).Select(g => g * _decayE).ToArray();
        _integralE = (layout.Initial[1] ?? new double[n]).Select(g => g * kE).ToArray();
        _endI = (layout.Initial[2] ?? new double[n]).Select(g => g * _decayI).ToArray();
        _integralI = (layout.Initial[2] ?? new double[n]).Select(g => g * kI).ToArray();
        _refractoryUntilMs = new double[n];
        _refractoryUntilMs.AsSpan().Fill(double.NegativeInfinity);
    }

    public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
    {
        double tau = receptor == 0 ? _tauE : _tauI;
        double left = Math.Exp(-(StepEndMs - timeMs) / tau);
        double integral = tau * (1 - left);
        double[] end = receptor == 0 ? _endE : _endI;
        double[] area = receptor == 0 ? _integralE : _integralI;
        for (int k = 0; k < targets.Length; k++)
        {
            int j = targets[k];
            double w = weights[k];
            end[j] += w * left;
            area[j] += w * integral;
        }
    }

    public override void SetCurrent(double amplitude, double timeMs)
    {
        double stepStart = StepEndMs - _h;
        _currentCorrection += (_current - amplitude) * (timeMs - stepStart);
        _current = amplitude;
    }

    protected override void CheckpointState(StateArchive a)
    {
        a.Arrays(_v, _endE, _integralE, _endI, _integralI, _refractoryUntilMs);

        a.Value(ref _current);
        a.Value(ref _currentCorrection);
    }

    public override int FirstNonFiniteNeuron()
    {
        for (int j = 0; j < _v.Length; j++)
        {
            if (!double.IsFinite(_v[j] + _endE[j] + _integralE[j] + _endI[j] + _integralI[j]))
            {
                return j;
            }
        }

        return -1;
    }

    /// <remarks>Between ticks the state of the last tick is returned (sample on multiples of the step).</remarks>
    public override double Sample(int local, int variable, double timeMs) => variable switch
    {
        0 => _v[local],
        1 => _endE[local] / _decayE,
        _ => _endI[local] / _decayI,
    };

    protected override void Integrate(double startMs, double endMs)
    {
        double currentIntegral = _current * _h + _currentCorrection;
        _currentCorrection = 0;
        Integrate(startMs, endMs, currentIntegral);
    }

    private void Integrate(double tn, double tn1, double currentIntegral)
    {
        int n = Count;
        double kE = _areaE, kI = _areaI;
        double gLh = _gL * _h, drive0 = _gL * _eL * _h + currentIntegral, invC = -1.0 / _c;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double v = ref MemoryMarshal.GetArrayDataReference(_v);
            ref double endE = ref MemoryMarshal.GetArrayDataReference(_endE);
            ref double areaE = ref MemoryMarshal.GetArrayDataReference(_integralE);
            ref double endI = ref MemoryMarshal.GetArrayDataReference(_endI);
            ref double areaI = ref MemoryMarshal.GetArrayDataReference(_integralI);
            ref double refr = ref MemoryMarshal.GetArrayDataReference(_refractoryUntilMs);
            Vector256<double> vKE = Vector256.Create(kE), vKI = Vector256.Create(kI);
            Vector256<double> vDecayE = Vector256.Create(_decayE), vDecayI = Vector256.Create(_decayI);
            Vector256<double> vGLh = Vector256.Create(gLh), vDrive0 = Vector256.Create(drive0);
            Vector256<double> vEE = Vector256.Create(_eE), vEI = Vector256.Create(_eI), vInvC = Vector256.Create(invC);
            ref double theta = ref MemoryMarshal.GetArrayDataReference(_threshold);
            ref double reset = ref MemoryMarshal.GetArrayDataReference(_reset);
            Vector256<double> vTn = Vector256.Create(tn), vTn1 = Vector256.Create(tn1);
            for (; i <= n - 4; i += 4)
            {
                Vector256<double> eEnd = Vector256.LoadUnsafe(ref endE, (nuint)i);
                Vector256<double> iEnd = Vector256.LoadUnsafe(ref endI, (nuint)i);
                Vector256<double> intE = Vector256.LoadUnsafe(ref areaE, (nuint)i);
                Vector256<double> intI = Vector256.LoadUnsafe(ref areaI, (nuint)i);
                Vector256<double> g = vGLh + intE + intI;
                Vector256<double> vInf = (vDrive0 + intE * vEE + intI * vEI) / g;
                Vector256<double> v0 = Vector256.LoadUnsafe(ref v, (nuint)i);
                Vector256<double> v1 = vInf + (v0 - vInf) * FastMath.ExpSmallNonPositive(g * vInvC);
                (eEnd * vDecayE).StoreUnsafe(ref endE, (nuint)i);
                (eEnd * vKE).StoreUnsafe(ref areaE, (nuint)i);
                (iEnd * vDecayI).StoreUnsafe(ref endI, (nuint)i);
                (iEnd * vKI).StoreUnsafe(ref areaI, (nuint)i);

                // Neurons refractory through the whole step stay at reset (a blend); only those that fire or leave
                // the refractory period inside the step need the scalar treatment.
                Vector256<double> until = Vector256.LoadUnsafe(ref refr, (nuint)i);
                Vector256<double> clamped = Vector256.GreaterThanOrEqual(until, vTn1);
                v1 = Vector256.ConditionalSelect(clamped, Vector256.LoadUnsafe(ref reset, (nuint)i), v1);
                v1.StoreUnsafe(ref v, (nuint)i);
                Vector256<double> releasing = Vector256.GreaterThan(until, vTn) & ~clamped;
                uint special = ((Vector256.GreaterThanOrEqual(v1, Vector256.LoadUnsafe(ref theta, (nuint)i)) & ~clamped) | releasing).ExtractMostSignificantBits();
                while (special != 0)
                {
                    int lane = System.Numerics.BitOperations.TrailingZeroCount(special);
                    special &= special - 1;
                    Resolve(i + lane, v0.GetElement(lane), vInf.GetElement(lane), g.GetElement(lane), tn, tn1);
                }
            }
        }

        for (; i < n; i++)
        {
            double intE = _integralE[i], intI = _integralI[i];
            double g = gLh + intE + intI;
            double vInf = (drive0 + intE * _eE + intI * _eI) / g;
            double v0 = _v[i];
            // The vector path's exp in lane 0, so a neuron's arithmetic does not depend on whether it falls in the tail.
            double decay = Vector256.IsHardwareAccelerated ? FastMath.ExpSmallNonPositive(Vector256.Create(g * invC)).ToScalar() : Math.Exp(g * invC);
            double v1 = vInf + (v0 - vInf) * decay;
            double eEnd = _endE[i], iEnd = _endI[i];
            _endE[i] = eEnd * _decayE;
            _integralE[i] = eEnd * kE;
            _endI[i] = iEnd * _decayI;
            _integralI[i] = iEnd * kI;
            _v[i] = v1;
            if (v1 >= _threshold[i] || _refractoryUntilMs[i] > tn)
            {
                Resolve(i, v0, vInf, g, tn, tn1);
            }
        }
    }

    /// <summary>The rare cases, on the step's frozen-coefficient solution: refractory clamp, threshold crossing.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Resolve(int j, double v0, double vInf, double g, double tn, double tn1)
    {
        double rate = g / (_c * _h); // 1/ms
        double start = tn;
        if (_refractoryUntilMs[j] > tn)
        {
            if (_refractoryUntilMs[j] >= tn1)
            {
                _v[j] = _reset[j];
                return;
            }

            start = _refractoryUntilMs[j];
            v0 = _reset[j];
        }

        while (true)
        {
            double v1 = vInf + (v0 - vInf) * Math.Exp(-rate * (tn1 - start));
            if (v1 < _threshold[j])
            {
                _v[j] = v1;
                return;
            }

            double spikeMs = v0 >= _threshold[j] ? start : start + Math.Log((_threshold[j] - vInf) / (v0 - vInf)) / -rate;
            ReportSpike(j, spikeMs);
            _refractoryUntilMs[j] = spikeMs + _refractory[j];
            if (_refractoryUntilMs[j] >= tn1)
            {
                _v[j] = _reset[j];
                return;
            }

            start = _refractoryUntilMs[j];
            v0 = _reset[j];
        }
    }
}
