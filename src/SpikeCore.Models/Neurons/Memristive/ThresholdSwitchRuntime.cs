using SpikeCore.Checkpoints;
using SpikeCore.Models.Numerics;
using SpikeCore.Random;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons.Memristive;

/// <summary>State of a <see cref="ThresholdSwitchNeuron"/> population: V (and θ) at its last update, the switch state, a pending switch time.</summary>
internal sealed class ThresholdSwitchRuntime : PopulationRuntime
{
    private readonly ThresholdSwitchNeuron _p;
    private readonly double[] _v, _lastMs, _switchAtMs, _threshold, _hold;
    private readonly double[]? _theta;
    private readonly bool[] _on;
    private readonly KeyedRandom[] _rng;
    private readonly double _tauOff, _tauOn, _onConductance;
    private double _current;

    public ThresholdSwitchRuntime(ThresholdSwitchNeuron p, PopulationLayout layout)
        : base(layout)
    {
        _p = p;
        _threshold = layout.ParameterValues("threshold_v", p.ThresholdV);
        _hold = layout.ParameterValues("hold_v", p.HoldV);
        int n = Count;
        _v = layout.Initial[0]?.ToArray() ?? new double[n];
        _theta = p.ThresholdIncrementV > 0 || layout.Initial[2] is not null ? layout.InitialValues(2, 0) : null;
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
            Schedule(j);
        }
    }

    /// <summary>The level V relaxes to in the current phase (V).</summary>
    private double Target(int j) => _on[j] ? _current / _onConductance : _current * _p.ParallelResistanceMohm;

    private void Advance(int j, double timeMs)
    {
        double tau = _on[j] ? _tauOn : _tauOff, target = Target(j), elapsed = timeMs - _lastMs[j];
        _v[j] = target + ((_v[j] - target) * Math.Exp(-elapsed / tau));
        if (_theta is not null)
        {
            _theta[j] *= Math.Exp(-elapsed / _p.ThresholdTauMs);
        }

        _lastMs[j] = timeMs;
    }

    /// <summary>The firing threshold now: V_th, plus θ if the threshold adapts.</summary>
    private double Threshold(int j) => _threshold[j] + (_theta?[j] ?? 0);

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
            next = t + ExponentialCrossing.First(target - _threshold[j], v - target, _tauOff, -_theta[j], _p.ThresholdTauMs);
        }
        else if (!_on[j])
        {
            next = v >= _threshold[j] ? t : target > _threshold[j] ? t + (_tauOff * Math.Log((target - v) / (target - _threshold[j]))) : double.PositiveInfinity;
        }
        else
        {
            next = v < _hold[j] ? t : target < _hold[j] ? t + (_tauOn * Math.Log((v - target) / (_hold[j] - target))) : double.PositiveInfinity;
        }

        Core.SetEmitterTime(FirstId + j, next);
    }

    public override void OnEmitterDue(int local, double timeMs)
    {
        int j = local;
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
                _v[j] = Math.Max(_v[j], Threshold(j)); // the crossing scheduled from the exact solution
            }

            _switchAtMs[j] = double.NaN;
            _on[j] = true;
            if (_theta is not null)
            {
                _theta[j] += _p.ThresholdIncrementV;
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
            _v[j] += receptor == 0 ? weights[k] : -weights[k];
            Schedule(j);
        }
    }

    public override void SetCurrent(double amplitude, double timeMs)
    {
        for (int j = 0; j < Count; j++)
        {
            Advance(j, timeMs);
        }

        _current = amplitude;
        for (int j = 0; j < Count; j++)
        {
            Schedule(j);
        }
    }

    public override void Checkpoint(StateArchive a)
    {
        a.Arrays(_v, _lastMs, _switchAtMs);

        a.Values(_on.AsSpan());
        a.Values(_rng.AsSpan());
        a.Value(ref _current);
        if (_theta is not null)
        {
            a.Arrays(_theta);
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
            return (_theta?[local] ?? 0) * Math.Exp(-(timeMs - _lastMs[local]) / _p.ThresholdTauMs);
        }

        double tau = _on[local] ? _tauOn : _tauOff, target = Target(local);
        return target + ((_v[local] - target) * Math.Exp(-(timeMs - _lastMs[local]) / tau));
    }
}
