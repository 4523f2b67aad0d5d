using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SpikeCore.Checkpoints;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons.Channels;

/// <summary>State of a Hodgkin-Huxley population (structure of arrays) and its vectorised step, specialised per channel set.</summary>
/// <remarks>
/// Arrays are padded to a multiple of four neurons, so every step runs whole AVX vectors (padding lanes integrate a
/// resting neuron and are never reported). Each synaptic conductance is kept as its exact trajectory over the current
/// step (<see cref="Conductance"/>), so inputs act at their exact arrival times: exponential Euler integrates V with
/// the exact step integral of each conductance; RK4 steps neurons without input inside the step in the vector pass
/// (the conductance at the stages from its closed form) and splits the step of the others at every arrival (scalar
/// RK4 sub-steps, <see cref="SplitStep"/>), so a jump never falls inside an RK4 step.
/// A spike is an upward crossing of the detection level, timed by linear interpolation inside the step, and is not
/// reported within the refractory period after the previous one (the dynamics are not clamped).
/// </remarks>
internal sealed class HhRuntime<TKinetics> : ClockedRuntime
    where TKinetics : struct, IGateKinetics
{
    private readonly HhConstants _p;
    private readonly double[] _v, _m, _h, _n, _lastSpikeMs;
    private readonly Conductance _exc, _inh;

    /// <summary>RK4 only: inputs that arrived strictly inside the current step, and the neurons that got them.</summary>
    private readonly List<(int Neuron, double TimeMs, int Receptor, double Weight)> _inside = [];
    private readonly bool[] _split;

    /// <summary>Detection level (padded for vector loads) and refractory period per neuron: the model's unless drawn per neuron.</summary>
    private readonly double[] _detection, _refractory;
    private double _current, _currentCorrection;

    public HhRuntime(HhConstants p, PopulationLayout layout)
        : base(layout, p.StepMs)
    {
        _p = p;
        int padded = (Count + 3) & ~3;
        _v = new double[padded];
        _v.AsSpan().Fill(p.RestMv);
        layout.Initial[0]?.CopyTo(_v, 0);
        _m = new double[padded];
        _h = new double[padded];
        _n = new double[padded];
        for (int i = 0; i < padded; i += 4)
        {
            GateRates r = TKinetics.Rates(Vector256.Create(_v, i), Vector256.Create(p.ShiftMv));
            (r.AlphaM / (r.AlphaM + r.BetaM)).CopyTo(_m, i);
            (r.AlphaH / (r.AlphaH + r.BetaH)).CopyTo(_h, i);
            (r.AlphaN / (r.AlphaN + r.BetaN)).CopyTo(_n, i);
        }

        layout.Initial[1]?.CopyTo(_m, 0);
        layout.Initial[2]?.CopyTo(_h, 0);
        layout.Initial[3]?.CopyTo(_n, 0);
        _exc = new Conductance(padded, p.ExcitatoryTauMs, p.StepMs, layout.Initial[4]);
        _inh = new Conductance(padded, p.InhibitoryTauMs, p.StepMs, layout.Initial[5]);
        _split = new bool[padded];
        _crossings = new (int, double, double)[padded];
        _detection = new double[padded];
        _detection.AsSpan().Fill(p.DetectionMv);
        layout.ParameterValues("detection_mv")?.CopyTo(_detection, 0);
        _refractory = layout.ParameterValues("refractory_ms", p.RefractoryMs);
        _lastSpikeMs = new double[Count];
        _lastSpikeMs.AsSpan().Fill(double.NegativeInfinity);
    }

    public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
    {
        (receptor == 0 ? _exc : _inh).Add(timeMs, StepEndMs, targets, weights);
        if (_p.Scheme == HhScheme.RungeKutta4 && StepEndMs - timeMs < _p.StepMs)
        {
            for (int k = 0; k < targets.Length; k++)
            {
                _inside.Add((targets[k], timeMs, receptor, weights[k]));
                _split[targets[k]] = true;
            }
        }
    }

    public override void SetCurrent(double amplitude, double timeMs)
    {
        _currentCorrection += (_current - amplitude) * (timeMs - (StepEndMs - StepMs));
        _current = amplitude;
    }

    protected override void CheckpointState(StateArchive a)
    {
        a.Arrays(_v, _m, _h, _n, _lastSpikeMs);

        _exc.Checkpoint(a);
        _inh.Checkpoint(a);
        a.Values(_inside);
        a.Values(_split.AsSpan());
        a.Value(ref _current);
        a.Value(ref _currentCorrection);
    }

    public override int FirstNonFiniteNeuron()
    {
        for (int j = 0; j < Count; j++)
        {
            if (!double.IsFinite(_v[j] + _m[j] + _h[j] + _n[j] + _exc.End[j] + _exc.Integral[j] + _inh.End[j] + _inh.Integral[j]))
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
        1 => _m[local],
        2 => _h[local],
        3 => _n[local],
        4 => _exc.Start[local],
        _ => _inh.Start[local],
    };

    protected override void Integrate(double startMs, double endMs)
    {
        double currentIntegral = (_current * StepMs) + _currentCorrection;
        _currentCorrection = 0;
        if (_p.Scheme == HhScheme.RungeKutta4)
        {
            StepRk4(startMs, currentIntegral / StepMs);
        }
        else
        {
            StepExponentialEuler(startMs, currentIntegral);
        }

        _exc.Advance();
        _inh.Advance();
    }

    private void StepExponentialEuler(double tn, double currentIntegral)
    {
        HhConstants p = _p;
        var shift = Vector256.Create(p.ShiftMv);
        var h = Vector256.Create(p.StepMs);
        var minusH = Vector256.Create(-p.StepMs);
        var gNa = Vector256.Create(p.SodiumConductance);
        var gK = Vector256.Create(p.PotassiumConductance);
        var eNa = Vector256.Create(p.SodiumReversalMv);
        var eK = Vector256.Create(p.PotassiumReversalMv);
        var gLh = Vector256.Create(p.LeakConductance * p.StepMs);
        var drive0 = Vector256.Create(p.LeakConductance * p.LeakReversalMv * p.StepMs + currentIntegral);
        var eE = Vector256.Create(p.ExcitatoryReversalMv);
        var eI = Vector256.Create(p.InhibitoryReversalMv);
        var minusInvC = Vector256.Create(-1.0 / p.Capacitance);
        for (int i = 0; i < _v.Length; i += 4)
        {
            // V first, then the gates from V at the step start: each value is used soon after it is made, so that few
            // registers are live at once (the six rates made first, beside V's constants, spilled to the stack).
            Vector256<double> v0 = Load(_v, i), m = Load(_m, i), hh = Load(_h, i), n = Load(_n, i);
            Vector256<double> na = gNa * m * m * m * hh, n2 = n * n, k = gK * n2 * n2;
            Vector256<double> intE = Load(_exc.Integral, i), intI = Load(_inh.Integral, i);
            Vector256<double> g = Vector256.FusedMultiplyAdd(na + k, h, gLh + intE + intI);
            Vector256<double> drive = Vector256.FusedMultiplyAdd(intI, eI, Vector256.FusedMultiplyAdd(intE, eE, drive0));
            Vector256<double> vInf = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(na, eNa, k * eK), h, drive) / g;
            Vector256<double> v1 = Vector256.FusedMultiplyAdd(v0 - vInf, GateMath.Exp(g * minusInvC), vInf);
            Store(v1, _v, i);
            GateRates r = TKinetics.Rates(v0, shift);
            Store(Relax(m, r.AlphaM, r.BetaM, minusH), _m, i);
            Store(Relax(hh, r.AlphaH, r.BetaH, minusH), _h, i);
            Store(Relax(n, r.AlphaN, r.BetaN, minusH), _n, i);
            DetectCrossings(v0, v1, i);
        }

        ReportCrossings(tn);
    }

    /// <summary>x relaxed over one step towards α/(α+β) at rate α+β, exactly for frozen rates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Relax(Vector256<double> x, Vector256<double> alpha, Vector256<double> beta, Vector256<double> minusH)
    {
        Vector256<double> sum = alpha + beta;
        Vector256<double> inf = alpha / sum;
        return Vector256.FusedMultiplyAdd(x - inf, GateMath.Exp(sum * minusH), inf);
    }

    private void StepRk4(double tn, double current)
    {
        var dt = Vector256.Create(_p.StepMs);
        var half = Vector256.Create(0.5 * _p.StepMs);
        var sixth = Vector256.Create(_p.StepMs / 6);
        var two = Vector256.Create(2.0);
        var derivatives = new Derivatives(_p, current);
        var halfE = Vector256.Create(_exc.HalfStepDecay);
        var fullE = Vector256.Create(_exc.StepDecay);
        var halfI = Vector256.Create(_inh.HalfStepDecay);
        var fullI = Vector256.Create(_inh.StepDecay);
        (double V, double M, double H, double N)[] before = SaveSplitNeurons();
        for (int i = 0; i < _v.Length; i += 4)
        {
            Vector256<double> v = Load(_v, i), m = Load(_m, i), hh = Load(_h, i), n = Load(_n, i);
            Vector256<double> eS = Load(_exc.Start, i), eM = eS * halfE, eX = eS * fullE;
            Vector256<double> iS = Load(_inh.Start, i), iM = iS * halfI, iX = iS * fullI;
            State k1 = derivatives.At(v, m, hh, n, eS, iS);
            State k2 = derivatives.At(v + half * k1.V, m + half * k1.M, hh + half * k1.H, n + half * k1.N, eM, iM);
            State k3 = derivatives.At(v + half * k2.V, m + half * k2.M, hh + half * k2.H, n + half * k2.N, eM, iM);
            State k4 = derivatives.At(v + dt * k3.V, m + dt * k3.M, hh + dt * k3.H, n + dt * k3.N, eX, iX);
            Vector256<double> v1 = v + sixth * (k1.V + two * (k2.V + k3.V) + k4.V);
            Store(m + sixth * (k1.M + two * (k2.M + k3.M) + k4.M), _m, i);
            Store(hh + sixth * (k1.H + two * (k2.H + k3.H) + k4.H), _h, i);
            Store(n + sixth * (k1.N + two * (k2.N + k3.N) + k4.N), _n, i);
            Store(v1, _v, i);
            DetectCrossings(v, v1, i);
        }

        ReportCrossings(tn);
        if (_inside.Count > 0)
        {
            SplitSteps(tn, current, derivatives, before);
        }
    }

    /// <summary>The state at the step start of every neuron whose step will be split, in the order of <see cref="_inside"/>'s first entries.</summary>
    private (double V, double M, double H, double N)[] SaveSplitNeurons()
    {
        if (_inside.Count == 0)
        {
            return [];
        }

        _inside.Sort();
        var saved = new List<(double, double, double, double)>();
        for (int k = 0; k < _inside.Count; k++)
        {
            int j = _inside[k].Neuron;
            if (k == 0 || _inside[k - 1].Neuron != j)
            {
                saved.Add((_v[j], _m[j], _h[j], _n[j]));
            }
        }

        return [.. saved];
    }

    private void SplitSteps(double tn, double current, Derivatives derivatives, (double V, double M, double H, double N)[] before)
    {
        int first = 0, neuron = 0;
        while (first < _inside.Count)
        {
            int j = _inside[first].Neuron;
            int end = first;
            while (end < _inside.Count && _inside[end].Neuron == j)
            {
                end++;
            }

            SplitStep(j, before[neuron++], CollectionsMarshal.AsSpan(_inside)[first..end], tn, derivatives);
            _split[j] = false;
            first = end;
        }

        _inside.Clear();
    }

    /// <summary>
    /// Integrates neuron <paramref name="j"/> over [t_n, t_n + h] in RK4 sub-steps that end at every input arrival,
    /// the conductances jumping there and decaying exactly in between (all four lanes carry the same neuron).
    /// </summary>
    private void SplitStep(int j, (double V, double M, double H, double N) s, ReadOnlySpan<(int Neuron, double TimeMs, int Receptor, double Weight)> inputs,
        double tn, Derivatives derivatives)
    {
        double gE = _exc.Start[j], gI = _inh.Start[j], t = tn, tEnd = tn + _p.StepMs;
        Vector256<double> v = Vector256.Create(s.V), m = Vector256.Create(s.M), hh = Vector256.Create(s.H), n = Vector256.Create(s.N);
        int k = 0;
        while (t < tEnd)
        {
            double next = k < inputs.Length ? inputs[k].TimeMs : tEnd;
            double dt = next - t;
            if (dt > 0)
            {
                var vdt = Vector256.Create(dt);
                var half = Vector256.Create(0.5 * dt);
                var sixth = Vector256.Create(dt / 6);
                Vector256<double> eS = Vector256.Create(gE), eM = Vector256.Create(gE * Math.Exp(-0.5 * dt / _exc.TauMs)), eX = Vector256.Create(gE * Math.Exp(-dt / _exc.TauMs));
                Vector256<double> iS = Vector256.Create(gI), iM = Vector256.Create(gI * Math.Exp(-0.5 * dt / _inh.TauMs)), iX = Vector256.Create(gI * Math.Exp(-dt / _inh.TauMs));
                State k1 = derivatives.At(v, m, hh, n, eS, iS);
                State k2 = derivatives.At(v + half * k1.V, m + half * k1.M, hh + half * k1.H, n + half * k1.N, eM, iM);
                State k3 = derivatives.At(v + half * k2.V, m + half * k2.M, hh + half * k2.H, n + half * k2.N, eM, iM);
                State k4 = derivatives.At(v + vdt * k3.V, m + vdt * k3.M, hh + vdt * k3.H, n + vdt * k3.N, eX, iX);
                Vector256<double> two = Vector256.Create(2.0);
                Vector256<double> v1 = v + sixth * (k1.V + two * (k2.V + k3.V) + k4.V);
                m += sixth * (k1.M + two * (k2.M + k3.M) + k4.M);
                hh += sixth * (k1.H + two * (k2.H + k3.H) + k4.H);
                n += sixth * (k1.N + two * (k2.N + k3.N) + k4.N);
                if (v[0] < _detection[j] && v1[0] >= _detection[j])
                {
                    Report(j, t + dt * (_detection[j] - v[0]) / (v1[0] - v[0]));
                }

                v = v1;
                gE = eX[0];
                gI = iX[0];
                t = next;
            }

            for (; k < inputs.Length && inputs[k].TimeMs <= t; k++)
            {
                if (inputs[k].Receptor == 0)
                {
                    gE += inputs[k].Weight;
                }
                else
                {
                    gI += inputs[k].Weight;
                }
            }
        }

        _v[j] = v[0];
        _m[j] = m[0];
        _h[j] = hh[0];
        _n[j] = n[0];
    }

    /// <summary>
    /// Keeps the lanes of the register at <paramref name="i"/> whose V rises through the detection level in this step,
    /// for <see cref="ReportCrossings"/> after the loop: a call inside the loop made the JIT keep the step's constants in
    /// memory and reload them for every register (no vector register survives a call on the SysV ABI).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DetectCrossings(Vector256<double> v0, Vector256<double> v1, int i)
    {
        Vector256<double> level = Load(_detection, i);
        uint crossing = (Vector256.LessThan(v0, level) & Vector256.GreaterThanOrEqual(v1, level)).ExtractMostSignificantBits();
        while (crossing != 0)
        {
            int lane = System.Numerics.BitOperations.TrailingZeroCount(crossing);
            crossing &= crossing - 1;
            _crossings[_crossingCount++] = (i + lane, v0.GetElement(lane), v1.GetElement(lane));
        }
    }

    /// <summary>Reports the crossings <see cref="DetectCrossings"/> kept in the step from <paramref name="tn"/>, at V's linear interpolation, in neuron order.</summary>
    private void ReportCrossings(double tn)
    {
        for (int k = 0; k < _crossingCount; k++)
        {
            (int j, double v0, double v1) = _crossings[k];
            if (j < Count && !_split[j])
            {
                Report(j, tn + _p.StepMs * (_detection[j] - v0) / (v1 - v0));
            }
        }

        _crossingCount = 0;
    }

    /// <summary>This step's crossings: neuron, V at the step start and end (one per lane at most).</summary>
    private readonly (int Neuron, double V0, double V1)[] _crossings;
    private int _crossingCount;

    private void Report(int j, double t)
    {
        if (t - _lastSpikeMs[j] >= _refractory[j])
        {
            _lastSpikeMs[j] = t;
            ReportSpike(j, t);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Load(double[] a, int i) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<double> x, double[] a, int i) =>
        x.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);

    private readonly record struct State(Vector256<double> V, Vector256<double> M, Vector256<double> H, Vector256<double> N);

    /// <summary>The right-hand side of the HH equations, constants broadcast once per step.</summary>
    private readonly struct Derivatives(HhConstants p, double current)
    {
        private readonly Vector256<double> _shift = Vector256.Create(p.ShiftMv);
        private readonly Vector256<double> _gNa = Vector256.Create(p.SodiumConductance);
        private readonly Vector256<double> _gK = Vector256.Create(p.PotassiumConductance);
        private readonly Vector256<double> _gL = Vector256.Create(p.LeakConductance);
        private readonly Vector256<double> _eNa = Vector256.Create(p.SodiumReversalMv);
        private readonly Vector256<double> _eK = Vector256.Create(p.PotassiumReversalMv);
        private readonly Vector256<double> _eL = Vector256.Create(p.LeakReversalMv);
        private readonly Vector256<double> _eE = Vector256.Create(p.ExcitatoryReversalMv);
        private readonly Vector256<double> _eI = Vector256.Create(p.InhibitoryReversalMv);
        private readonly Vector256<double> _current = Vector256.Create(current);
        private readonly Vector256<double> _invC = Vector256.Create(1.0 / p.Capacitance);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public State At(Vector256<double> v, Vector256<double> m, Vector256<double> h, Vector256<double> n,
            Vector256<double> gE, Vector256<double> gI)
        {
            GateRates r = TKinetics.Rates(v, _shift);
            Vector256<double> n2 = n * n;
            Vector256<double> i = _current - _gNa * m * m * m * h * (v - _eNa) - _gK * n2 * n2 * (v - _eK) - _gL * (v - _eL)
                + gE * (_eE - v) + gI * (_eI - v);
            Vector256<double> one = Vector256.Create(1.0);
            return new State(i * _invC,
                r.AlphaM * (one - m) - r.BetaM * m,
                r.AlphaH * (one - h) - r.BetaH * h,
                r.AlphaN * (one - n) - r.BetaN * n);
        }
    }
}
