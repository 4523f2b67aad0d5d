using SpikeCore.Checkpoints;
using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Extensions.Tests;

/// <summary>
/// The adaptive exponential integrate-and-fire neuron (model name <c>adex</c>; Brette &amp; Gerstner 2005,
/// J. Neurophysiol. 94:3637), with an exponential synaptic current:
/// <code>
/// C dV/dt = −g_L (V − E_L) + g_L Δ_T exp((V − V_T)/Δ_T) − w + I_syn + I_e
/// τ_w dw/dt = a (V − E_L) − w,      τ_s dI_syn/dt = −I_syn (an input adds its weight, pA)
/// V ≥ V_peak: spike, V = V_r, w += b
/// </code>
/// Clocked: Heun's method (second order) on the step h with I_syn exact; the exponential is capped at e^50 (a V 50 Δ_T
/// above V_T reaches V_peak within the step anyway). Inputs take effect at the start of the step after their arrival and spikes are
/// emitted at the step's end, on the grid. Defaults: the paper's regular-spiking cell (C = 281 pF, g_L = 30 nS,
/// E_L = −70.6 mV, V_T = −50.4 mV, Δ_T = 2 mV, τ_w = 144 ms, a = 4 nS, b = 80.5 pA, V_r = E_L).
/// Written against SpikeCore's public API only, as a model of a user's assembly would be.
/// </summary>
public sealed record AdExNeuron : NeuronModel
{
    private static readonly string[] s_receptors = ["current"];
    private static readonly string[] s_variables = ["v_mv", "w_pa", "i_syn_pa"];

    /// <summary>C.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double CapacitancePf { get; init; } = 281;

    /// <summary>g_L.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double LeakConductanceNs { get; init; } = 30;

    /// <summary>E_L.</summary>
    [Parameter]
    public double RestMv { get; init; } = -70.6;

    /// <summary>V_T, where the exponential takes over.</summary>
    [Parameter]
    public double ThresholdMv { get; init; } = -50.4;

    /// <summary>Δ_T, the sharpness of spike initiation.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double SlopeFactorMv { get; init; } = 2;

    /// <summary>V_peak, where a spike is counted.</summary>
    [Parameter]
    public double PeakMv { get; init; } = 20;

    /// <summary>V_r.</summary>
    [Parameter(Below = nameof(PeakMv))]
    public double ResetMv { get; init; } = -70.6;

    /// <summary>a, subthreshold adaptation.</summary>
    [Parameter]
    public double SubthresholdAdaptationNs { get; init; } = 4;

    /// <summary>b, spike-triggered adaptation.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double SpikeAdaptationPa { get; init; } = 80.5;

    /// <summary>τ_w.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double AdaptationTauMs { get; init; } = 144;

    /// <summary>τ_s, the decay of the synaptic current.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double SynapticTauMs { get; init; } = 5;

    /// <summary>The step h.</summary>
    [Parameter(ParameterCheck.Positive, Maximum = 1)]
    public double StepMs { get; init; } = 0.01;

    /// <inheritdoc/>
    public override string Name => "adex";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Receptors => s_receptors;

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateVariables => s_variables;

    /// <inheritdoc/>
    public override double ClockStepMs => StepMs;

    /// <inheritdoc/>
    public override string? CurrentUnit => "pA";

    /// <inheritdoc/>
    public override PopulationRuntime CreateRuntime(PopulationLayout layout) => new Runtime(this, layout);

    /// <summary>The state of a population (or a partition's slice of it) as structure of arrays.</summary>
    private sealed class Runtime : ClockedRuntime
    {
        private readonly AdExNeuron _p;
        private readonly double[] _v, _w, _iSyn, _pending;
        private readonly double _synapticDecay;
        private double _currentPa;

        public Runtime(AdExNeuron p, PopulationLayout layout)
            : base(layout, p.StepMs)
        {
            _p = p;
            int n = layout.Info.Size;
            _v = layout.InitialValues(0, p.RestMv);
            _w = layout.InitialValues(1, 0);
            _iSyn = layout.InitialValues(2, 0);
            _pending = new double[n];
            _synapticDecay = Math.Exp(-p.StepMs / p.SynapticTauMs);
        }

        public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
        {
            for (int k = 0; k < targets.Length; k++)
            {
                _pending[targets[k]] += weights[k];
            }
        }

        public override void SetCurrent(double amplitude, double timeMs) => _currentPa = amplitude;

        protected override void Integrate(double startMs, double endMs)
        {
            double h = endMs - startMs;
            for (int j = 0; j < _v.Length; j++)
            {
                double i0 = _iSyn[j] + _pending[j], i1 = i0 * _synapticDecay;
                _pending[j] = 0;
                (double dv0, double dw0) = Slopes(_v[j], _w[j], i0);
                (double dv1, double dw1) = Slopes(_v[j] + (h * dv0), _w[j] + (h * dw0), i1);
                _v[j] += 0.5 * h * (dv0 + dv1);
                _w[j] += 0.5 * h * (dw0 + dw1);
                _iSyn[j] = i1;
                if (_v[j] >= _p.PeakMv)
                {
                    _v[j] = _p.ResetMv;
                    _w[j] += _p.SpikeAdaptationPa;
                    ReportSpike(j, endMs);
                }
            }
        }

        /// <summary>(dV/dt in mV/ms, dw/dt in pA/ms); pF·mV/ms = pA.</summary>
        private (double Dv, double Dw) Slopes(double v, double w, double iSyn)
        {
            // e^50 caps the exponential: a V that far above V_T (50 Δ_T) reaches V_peak within the step anyway, and a
            // small Δ_T cannot overflow to ∞ (and a·∞ to NaN).
            double exponential = _p.LeakConductanceNs * _p.SlopeFactorMv * Math.Exp(Math.Min((v - _p.ThresholdMv) / _p.SlopeFactorMv, 50));
            double dv = ((-_p.LeakConductanceNs * (v - _p.RestMv)) + exponential - w + iSyn + _currentPa) / _p.CapacitancePf;
            double dw = ((_p.SubthresholdAdaptationNs * (v - _p.RestMv)) - w) / _p.AdaptationTauMs;
            return (dv, dw);
        }

        protected override void CheckpointState(StateArchive a)
        {
            a.Arrays(_v, _w, _iSyn, _pending);
            a.Value(ref _currentPa);
        }

        public override int FirstNonFiniteNeuron()
        {
            for (int j = 0; j < _v.Length; j++)
            {
                if (!double.IsFinite(_v[j] + _w[j] + _iSyn[j]))
                {
                    return j;
                }
            }

            return -1;
        }

        public override double Sample(int local, int variable, double timeMs) => variable switch
        {
            0 => _v[local],
            1 => _w[local],
            _ => _iSyn[local],
        };
    }
}
