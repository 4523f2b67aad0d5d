using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SpikeCore.Checkpoints;
using SpikeCore.Models.Numerics;
using SpikeCore.Random;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons.Memristive;

/// <summary>
/// State of a <see cref="ThresholdSwitchNeuron"/> population: V at its last update, the switch state, a pending switch
/// time, the next event's time; θ (when the threshold adapts) as its value at its last change, which only a spike makes.
/// </summary>
internal sealed class ThresholdSwitchRuntime : PopulationRuntime
{
    private readonly ThresholdSwitchNeuron _p;
    private readonly double[] _v, _lastMs, _switchAtMs, _threshold, _hold;
    private readonly double[] _nextMs;
    private readonly double[]? _theta, _thetaMs, _relaxedMs;
    private readonly bool[] _on;
    private readonly KeyedRandom[] _rng;
    private readonly double _tauOff, _tauOn, _onConductance;
    private double _current, _offTarget, _onTarget;

    /// <summary>Whether input rows onto consecutive neurons may take <see cref="DeliverRow"/>: registers to run it on, and θ (if any) relaxing no faster than V.</summary>
    private readonly bool _denseInput;

    public ThresholdSwitchRuntime(ThresholdSwitchNeuron p, PopulationLayout layout)
        : base(layout)
    {
        _p = p;
        _threshold = layout.ParameterValues("threshold_v", p.ThresholdV);
        _hold = layout.ParameterValues("hold_v", p.HoldV);
        int n = Count;
        _v = layout.Initial[0]?.ToArray() ?? new double[n];
        _nextMs = new double[n];
        _relaxedMs = p.RelaxationMs > 0 ? new double[n] : null;
        if (p.ThresholdIncrementV > 0 || layout.Initial[2] is not null)
        {
            _theta = layout.InitialValues(2, 0);
            _thetaMs = new double[n];
        }

        _lastMs = new double[n];
        _switchAtMs = Enumerable.Repeat(double.NaN, n).ToArray();
        _on = new bool[n];
        _onConductance = (1 / p.ParallelResistanceMohm) + (1 / p.OnResistanceMohm);
        _tauOff = p.ParallelResistanceMohm * p.CapacitanceNf;
        _tauOn = p.CapacitanceNf / _onConductance;
        _denseInput = Vector256.IsHardwareAccelerated && (_theta is null || _tauOff <= p.ThresholdTauMs);
        _rng = new KeyedRandom[n];
        for (int j = 0; j < n; j++)
        {
            _rng[j] = KeyedRandom.Create(layout.Seed, StreamPurpose.SwitchingDelays(layout.Info.Index), (ulong)(layout.Offset + j));
        }
    }

    public override void Start(SimulationCore core, double timeMs)
    {
        base.Start(core, timeMs);
        for (int j = 0; j < Count; j++)
        {
            _lastMs[j] = timeMs;
            if (_thetaMs is not null)
            {
                _thetaMs[j] = timeMs;
            }

            _nextMs[j] = double.NaN;
            Schedule(j);
        }
    }

    /// <summary>Sets the injected current and the levels V relaxes to with it: I R_p (OFF) and I/(1/R_p + 1/R_on) (ON).</summary>
    private void UseCurrent(double amplitude)
    {
        _current = amplitude;
        (_offTarget, _onTarget) = (amplitude * _p.ParallelResistanceMohm, amplitude / _onConductance);
    }

    /// <summary>The level V relaxes to in the current phase (V).</summary>
    private double Target(int j) => _on[j] ? _onTarget : _offTarget;

    private void Advance(int j, double timeMs) => Advance(j, timeMs, Decay(_lastMs[j], _on[j], timeMs));

    /// <summary>V from its last update to <paramref name="timeMs"/>, given the phase's decay factor over that time (<see cref="Decay"/>).</summary>
    private void Advance(int j, double timeMs, double decay)
    {
        double target = Target(j);
        _v[j] = target + ((_v[j] - target) * decay);
        _lastMs[j] = timeMs;
    }

    /// <summary>e^(−Δt/τ) of the phase (τ_on or τ_off) from <paramref name="lastMs"/> to <paramref name="timeMs"/>.</summary>
    private double Decay(double lastMs, bool on, double timeMs) => Math.Exp(-(timeMs - lastMs) / (on ? _tauOn : _tauOff));

    /// <summary>θ at <paramref name="timeMs"/>: its value at its last change, decayed since (0 if the threshold does not adapt).</summary>
    private double Theta(int j, double timeMs) => _theta is null ? 0 : _theta[j] * Math.Exp(-(timeMs - _thetaMs![j]) / _p.ThresholdTauMs);

    /// <summary>Sets the neuron's emitter key to its next switching event, exactly.</summary>
    private void Schedule(int j)
    {
        double t = _lastMs[j], v = _v[j], target = Target(j), next;
        if (!double.IsNaN(_switchAtMs[j]))
        {
            next = _switchAtMs[j];
        }
        else if (!_on[j] && _theta is not null && _theta[j] != 0)
        {
            // When the crossing happens now or never (ExponentialCrossing.NowOrNever), "never" while V is below V_th plus
            // θ's lower bound θ_s (1 − Δt/τ_θ) ≤ θ_s e^(−Δt/τ_θ) needs no exp: the common case on every input.
            double a = target - _threshold[j];
            next = ExponentialCrossing.NowOrNever(a, -_theta[j], _tauOff, _p.ThresholdTauMs) && v < _threshold[j] + (_theta[j] * (1 - ((t - _thetaMs![j]) / _p.ThresholdTauMs)))
                ? double.PositiveInfinity
                : t + ExponentialCrossing.First(a, v - target, _tauOff, -Theta(j, t), _p.ThresholdTauMs);
        }
        else if (!_on[j])
        {
            next = v >= _threshold[j] ? t : target > _threshold[j] ? t + (_tauOff * Math.Log((target - v) / (target - _threshold[j]))) : double.PositiveInfinity;
        }
        else
        {
            next = v < _hold[j] ? t : target < _hold[j] ? t + (_tauOn * Math.Log((v - target) / (_hold[j] - target))) : double.PositiveInfinity;
            if (_relaxedMs is not null)
            {
                next = Math.Max(next, _relaxedMs[j]); // the filament has not dissolved yet
            }
        }

        if (!next.Equals(_nextMs[j]))
        {
            _nextMs[j] = next;
            Core.SetEmitterTime(FirstId + j, next);
        }
    }

    public override void OnEmitterDue(int local, double timeMs)
    {
        int j = local;
        _nextMs[j] = double.NaN; // the engine must hear the next time even if it equals this one
        Advance(j, timeMs);
        if (_on[j])
        {
            _on[j] = false; // discharged to V_hold: the switch relaxes OFF by itself
            _v[j] = Math.Min(_v[j], _hold[j]);
        }
        else if (!double.IsNaN(_switchAtMs[j]) || _p.MeanSwitchingDelayMs == 0)
        {
            if (double.IsNaN(_switchAtMs[j]))
            {
                _v[j] = Math.Max(_v[j], _threshold[j] + Theta(j, timeMs)); // the crossing scheduled from the exact solution
            }

            _switchAtMs[j] = double.NaN;
            _on[j] = true;
            if (_relaxedMs is not null)
            {
                _relaxedMs[j] = timeMs + _p.RelaxationMs;
            }

            if (_theta is not null)
            {
                _theta[j] = Theta(j, timeMs) + _p.ThresholdIncrementV;
                _thetaMs![j] = timeMs;
            }

            Core.Spike(FirstId + j, timeMs);
        }
        else
        {
            _switchAtMs[j] = timeMs + (_p.MeanSwitchingDelayMs * _rng[j].NextExponential());
        }

        Schedule(j);
    }

    public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
    {
        if (DenseRow.Is(targets))
        {
            DeliverDense(timeMs, targets[0], weights, receptor);
        }
        else
        {
            DeliverEach(timeMs, targets, weights, receptor);
        }
    }

    public override void DeliverDense(double timeMs, int firstTarget, ReadOnlySpan<float> weights, int receptor)
    {
        ReadOnlySpan<int> targets = ConsecutiveTargets(firstTarget, weights.Length);
        if (receptor == 0 && _denseInput)
        {
            DeliverRow(timeMs, targets, weights);
        }
        else
        {
            DeliverEach(timeMs, targets, weights, receptor);
        }
    }

    /// <summary>The inputs one target at a time: V brought up to <paramref name="timeMs"/>, the input added, the next event found.</summary>
    /// <remarks>
    /// Targets last brought up to date at the same moment and in the same phase share their decay factor, and inhibitory
    /// pulses of the same weight their e^(−w): a row onto a layer that every input reaches at once (Diehl and Cook's
    /// all-to-all input) costs one exp, not one per target. The factor is the same call on the same arguments, so the
    /// same number.
    /// </remarks>
    private void DeliverEach(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
    {
        double lastMs = double.NaN, factor = 0;
        bool lastOn = false;
        float pulse = 0;
        double pulseFactor = 0;
        for (int k = 0; k < targets.Length; k++)
        {
            int j = targets[k];
            if (!(_lastMs[j] == lastMs && _on[j] == lastOn))
            {
                (lastMs, lastOn) = (_lastMs[j], _on[j]);
                factor = Decay(lastMs, lastOn, timeMs);
            }

            Advance(j, timeMs, factor);
            if (receptor == 0)
            {
                _v[j] += weights[k];
            }
            else
            {
                if (k == 0 || weights[k] != pulse) // NaN never equals: it gets its own exp
                {
                    pulse = weights[k];
                    pulseFactor = Math.Exp(-pulse);
                }

                _v[j] = _p.InhibitoryReversalV + ((_v[j] - _p.InhibitoryReversalV) * pulseFactor);
            }

            Schedule(j);
        }
    }

    /// <summary>
    /// Inputs onto consecutive neurons, four at a time where all four are OFF and were last brought up to date at the
    /// same moment (the common case on an all-to-all input): V ← V∞ + (V − V∞) e^(−Δt/τ_off) + w in registers, and
    /// the next event left at +∞ without a call where <see cref="Schedule"/>'s own test would find it so (V below
    /// V_th + θ's lower bound, no pending switch, relaxing to a level below V_th). Other registers go to
    /// <see cref="DeliverEach"/>, lanes that fail the test to <see cref="Schedule"/>. Lane by lane the scalar code's
    /// operations in its order, without fused multiply-adds, so the same numbers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DeliverRow(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights)
    {
        const int width = 4;
        int first = targets[0], n = targets.Length, k = 0;
        double lastMs = _lastMs[first];
        var factor = Vector256.Create(Decay(lastMs, false, timeMs));
        var target = Vector256.Create(_offTarget);
        var last = Vector256.Create(lastMs);
        var now = Vector256.Create(timeMs);
        ref byte on = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetArrayDataReference(_on));
        for (; k <= n - width; k += width)
        {
            int j = first + k;
            if (Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref on, j)) != 0 || !Vector256.EqualsAll(Load(_lastMs, j), last))
            {
                DeliverEach(timeMs, targets.Slice(k, width), weights.Slice(k, width), 0);
                continue;
            }

            (Vector128<double> low, Vector128<double> high) = Vector128.Widen(Vector128.Create(weights.Slice(k, width)));
            Vector256<double> v = target + ((Load(_v, j) - target) * factor) + Vector256.Create(low, high);
            v.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_v), (nuint)j);
            now.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_lastMs), (nuint)j);
            if (!StaysBelow(j, v, now, target))
            {
                for (int lane = 0; lane < width; lane++)
                {
                    Schedule(j + lane);
                }
            }
        }

        DeliverEach(timeMs, targets[k..], weights[k..], 0);
    }

    /// <summary>
    /// <see cref="Schedule"/>'s "never" for four OFF neurons at <paramref name="j"/> whose V is <paramref name="v"/> now,
    /// with its next event already at +∞: no switch pending, a level below V_th, θ ≥ 0 and V below V_th + θ_s (1 −
    /// Δt/τ_θ) (below V_th without adaptation).
    /// </summary>
    private bool StaysBelow(int j, Vector256<double> v, Vector256<double> now, Vector256<double> target)
    {
        Vector256<double> threshold = Load(_threshold, j), bound = threshold;
        if (_theta is not null)
        {
            Vector256<double> theta = Load(_theta, j);
            bound = threshold + (theta * (Vector256<double>.One - ((now - Load(_thetaMs!, j)) / Vector256.Create(_p.ThresholdTauMs))));
            if (!Vector256.GreaterThanOrEqualAll(theta, Vector256<double>.Zero))
            {
                return false;
            }
        }

        Vector256<double> pending = Load(_switchAtMs, j);
        return Vector256.LessThanAll(v, bound) && Vector256.LessThanOrEqualAll(target - threshold, Vector256<double>.Zero)
            && !Vector256.EqualsAny(pending, pending) && Vector256.EqualsAll(Load(_nextMs, j), Vector256.Create(double.PositiveInfinity));
    }

    private static Vector256<double> Load(double[] values, int j) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(values), (nuint)j);

    public override void SetCurrent(double amplitude, double timeMs)
    {
        for (int j = 0; j < Count; j++)
        {
            Advance(j, timeMs);
        }

        UseCurrent(amplitude);
        for (int j = 0; j < Count; j++)
        {
            Schedule(j);
        }
    }

    public override void Checkpoint(StateArchive a)
    {
        a.Arrays(_v, _lastMs, _switchAtMs);
        if (_relaxedMs is not null)
        {
            a.Arrays(_relaxedMs);
        }

        a.Values(_on.AsSpan());
        a.Values(_rng.AsSpan());
        a.Value(ref _current);
        if (a.Loading)
        {
            UseCurrent(_current);
            Array.Fill(_nextMs, double.NaN); // the engine's emitter times come from the archive: set each again at its next change
        }

        if (_theta is not null)
        {
            a.Arrays(_theta, _thetaMs!);
        }
    }

    public override int FirstNonFiniteNeuron() => Array.FindIndex(_v, v => !double.IsFinite(v));

    public override double Sample(int local, int variable, double timeMs)
    {
        if (variable == 1)
        {
            return _on[local] ? 1 : 0;
        }

        if (variable == 2)
        {
            return Theta(local, timeMs);
        }

        double target = Target(local);
        return target + ((_v[local] - target) * Decay(_lastMs[local], _on[local], timeMs));
    }
}
