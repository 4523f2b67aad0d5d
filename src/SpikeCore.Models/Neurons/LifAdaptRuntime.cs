using SpikeCore.Checkpoints;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons;

/// <summary>
/// State of a <see cref="LifAdapt"/> population: V, the two synaptic currents and the adaptation current at the start of
/// the current step, plus what inputs inside the step add to V and to each current by its end.
/// </summary>
internal sealed class LifAdaptRuntime : ClockedRuntime
{
    private readonly double[] _v, _ie, _ii, _w, _dv, _dIe, _dIi;
    private readonly int[] _refractorySteps, _refractoryStepCount;
    private readonly double[] _threshold, _reset, _b;
    private readonly double _tauM, _tauE, _tauI, _ke, _ki, _kw, _rest;
    private readonly double _decayM, _decayE, _decayI, _decayW, _pe, _pi, _pw;
    private double _current;

    public LifAdaptRuntime(LifAdapt p, PopulationLayout layout)
        : base(layout, p.StepMs)
    {
        int n = Count;
        double h = p.StepMs;
        LifExp m = p.Neuron;
        (_tauM, _tauE, _tauI) = (m.MembraneTauMs, m.ExcitatoryTauMs, m.InhibitoryTauMs);
        _ke = _tauE / (_tauE - _tauM);
        _ki = _tauI / (_tauI - _tauM);
        _kw = p.AdaptationTauMs / (p.AdaptationTauMs - _tauM);
        _rest = m.RestMv;
        _threshold = layout.ParameterValues("threshold_mv", m.ThresholdMv);
        _reset = layout.ParameterValues("reset_mv", m.ResetMv);
        _b = layout.ParameterValues("adaptation_mv", p.AdaptationMv);
        _decayM = Math.Exp(-h / _tauM);
        _decayE = Math.Exp(-h / _tauE);
        _decayI = Math.Exp(-h / _tauI);
        _decayW = Math.Exp(-h / p.AdaptationTauMs);
        _pe = _ke * (_decayE - _decayM);
        _pi = _ki * (_decayI - _decayM);
        _pw = _kw * (_decayW - _decayM);
        _refractoryStepCount = [.. layout.ParameterValues("refractory_ms", m.RefractoryMs).Select(t => (int)Math.Round(t / h))];
        _v = layout.Initial[0]?.ToArray() ?? Enumerable.Repeat(m.RestMv, n).ToArray();
        _ie = layout.Initial[1]?.ToArray() ?? new double[n];
        _ii = layout.Initial[2]?.ToArray() ?? new double[n];
        _w = layout.Initial[3]?.ToArray() ?? new double[n];
        _dv = new double[n];
        _dIe = new double[n];
        _dIi = new double[n];
        _refractorySteps = new int[n];
    }

    public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
    {
        double left = StepEndMs - timeMs, toM = Math.Exp(-left / _tauM);
        if (receptor == 2)
        {
            for (int k = 0; k < targets.Length; k++)
            {
                int j = targets[k];
                if (_refractorySteps[j] == 0)
                {
                    _dv[j] += weights[k] * toM;
                }
            }

            return;
        }

        double toX = Math.Exp(-left / (receptor == 0 ? _tauE : _tauI)), toV = (receptor == 0 ? _ke : _ki) * (toX - toM);
        double[] current = receptor == 0 ? _dIe : _dIi;
        for (int k = 0; k < targets.Length; k++)
        {
            int j = targets[k];
            current[j] += weights[k] * toX;
            _dv[j] += weights[k] * toV;
        }
    }

    public override void SetCurrent(double amplitude, double timeMs)
    {
        // The step propagates with the new V∞ throughout; before timeMs V approached the old one instead.
        double correction = (_current - amplitude) * (Math.Exp(-(StepEndMs - timeMs) / _tauM) - _decayM);
        for (int j = 0; j < Count; j++)
        {
            _dv[j] += correction;
        }

        _current = amplitude;
    }

    protected override void CheckpointState(StateArchive a)
    {
        a.Arrays(_v, _ie, _ii, _w, _dv, _dIe, _dIi);

        a.Values(_refractorySteps.AsSpan());
        a.Value(ref _current);
    }

    public override int FirstNonFiniteNeuron()
    {
        for (int j = 0; j < _v.Length; j++)
        {
            if (!double.IsFinite(_v[j] + _ie[j] + _ii[j] + _w[j] + _dv[j]))
            {
                return j;
            }
        }

        return -1;
    }

    /// <remarks>Between ticks the state at the last tick is returned (sample on multiples of the step).</remarks>
    public override double Sample(int local, int variable, double timeMs) => variable switch
    {
        0 => _v[local],
        1 => _ie[local],
        2 => _ii[local],
        _ => _w[local],
    };

    protected override void Integrate(double startMs, double endMs)
    {
        double vInf = _rest + _current;
        for (int j = 0; j < _v.Length; j++)
        {
            double v = vInf + ((_v[j] - vInf) * _decayM) + (_ie[j] * _pe) + (_ii[j] * _pi) - (_w[j] * _pw) + _dv[j];
            _ie[j] = (_ie[j] * _decayE) + _dIe[j];
            _ii[j] = (_ii[j] * _decayI) + _dIi[j];
            _w[j] *= _decayW;
            _dv[j] = _dIe[j] = _dIi[j] = 0;
            if (_refractorySteps[j] > 0)
            {
                _refractorySteps[j]--;
                v = _reset[j];
            }
            else if (v >= _threshold[j])
            {
                ReportSpike(j, endMs);
                v = _reset[j];
                _w[j] += _b[j];
                _refractorySteps[j] = _refractoryStepCount[j];
            }

            _v[j] = v;
        }
    }
}
