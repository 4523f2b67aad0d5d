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

    private void Advance(int j, double timeMs)
    {
        double tau = _on[j] ? _tauOn : _tauOff, target = Target(j);
        _v[j] = target + ((_v[j] - target) * Math.Exp(-(timeMs - _lastMs[j]) / tau));
        _lastMs[j] = timeMs;
    }

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
        for (int k = 0; k < targets.Length; k++)
        {
            int j = targets[k];
            Advance(j, timeMs);
            _v[j] = receptor == 0 ? _v[j] + weights[k] : _p.InhibitoryReversalV + ((_v[j] - _p.InhibitoryReversalV) * Math.Exp(-weights[k]));
            Schedule(j);
        }
    }

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

        double tau = _on[local] ? _tauOn : _tauOff, target = Target(local);
        return target + ((_v[local] - target) * Math.Exp(-(timeMs - _lastMs[local]) / tau));
    }
}
