using System.Runtime.CompilerServices;
using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// Pair-based spike-timing-dependent plasticity in NEST's <c>stdp_synapse</c> form (model name <c>stdp</c>), with
/// event-driven traces (Morrison, Diesmann and Gerstner 2008).
/// </summary>
/// <remarks>
/// <code>
/// pre trace x (τ+), post trace y (τ−), decayed exactly between events; w̃ = w / W_max
/// presynaptic arrival at t:  w̃ ← max(0, w̃ − α λ w̃^μ− y(t));   then x ← x + 1 (all-to-all) or 1 (nearest)
/// postsynaptic spike at t:   w̃ ← min(1, w̃ + λ (1 − w̃)^μ+ x(t)); then y ← y + 1 (or 1)
/// </code>
/// μ± = 0 is the additive rule with hard bounds [0, W_max]: one pair at Δt = t_post − t_arrival changes w by
/// λ W_max e^(−Δt/τ+) (Δt &gt; 0) or −α λ W_max e^(Δt/τ−) (Δt &lt; 0). μ± = 1 is the multiplicative rule (soft bounds);
/// values between interpolate (Gütig et al. 2003). The weight is delivered after the depression of its own arrival.
/// Pre times are arrival times (axonal delay; no dendritic delay). Potentiation runs over the spiking neuron's incoming
/// synapses through an index built once per simulation, never over the projection. For clocked target populations, whose
/// spikes are reported at the end of their step, pairs closer than one step are resolved at the step's end.
/// Weights must be excitatory-style (≥ 0); they are kept in [0, W_max].
/// </remarks>
public sealed record Stdp : SynapseModel
{
    /// <summary>λ, the learning rate (relative to W_max).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double LearningRate { get; init; } = 0.01;

    /// <summary>α, depression relative to potentiation.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double Alpha { get; init; } = 1;

    /// <summary>τ+, the presynaptic trace time constant.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double TauPlusMs { get; init; } = 20;

    /// <summary>τ−, the postsynaptic trace time constant.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double TauMinusMs { get; init; } = 20;

    /// <summary>W_max, the upper weight bound (in the target receptor's unit).</summary>
    [Parameter(ParameterCheck.Positive)]
    public double MaxWeight { get; init; } = 1;

    /// <summary>μ+, the weight dependence of potentiation (0 additive, 1 multiplicative).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double MuPlus { get; init; }

    /// <summary>μ−, the weight dependence of depression (0 additive, 1 multiplicative).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double MuMinus { get; init; }

    /// <summary>Which spike pairs count.</summary>
    [Parameter]
    public StdpPairing Pairing { get; init; } = StdpPairing.AllToAll;

    /// <summary>
    /// The conductance device that holds each weight (null: ideal analog weights). With a device, w = G · W_max/G_max and
    /// every change the rule asks for is programmed as whole pulses through the device's response, noise and bounds.
    /// </summary>
    [Parameter]
    public SpikeCore.Models.Devices.ConductanceDevice? Device { get; init; }

    /// <summary>The multiplicative rule (μ+ = μ− = 1, soft bounds).</summary>
    public static Stdp Multiplicative { get; } = new() { MuPlus = 1, MuMinus = 1 };

    /// <inheritdoc/>
    public override string Name => "stdp";

    /// <inheritdoc/>
    public override bool ChangesWeights => true;

    /// <inheritdoc/>
    public override (double Min, double Max)? WritableWeights => Device is null ? (0, MaxWeight) : null;

    /// <inheritdoc/>
    public override bool LearnsFromPostSpikes => true;

    /// <inheritdoc/>
    public override SynapseRuntime CreateRuntime(SynapseLayout layout) => new StdpRuntime<Rule>(new Rule(this), layout, Device, MaxWeight);

    /// <summary>The rule's arithmetic, constants folded once; μ = 0 and μ = 1 take their closed forms (no pow).</summary>
    internal readonly struct Rule(Stdp p) : IStdpRule
    {
        private readonly double _lambda = p.LearningRate, _alphaLambda = p.Alpha * p.LearningRate, _wMax = p.MaxWeight;
        private readonly double _muPlus = p.MuPlus, _muMinus = p.MuMinus;

        public double TauPre1Ms { get; } = p.TauPlusMs;

        public double TauPre2Ms => TauPre1Ms;

        public double TauPost1Ms { get; } = p.TauMinusMs;

        public double TauPost2Ms => TauPost1Ms;

        public bool UsesSecondTraces => false;

        public bool DepressionReadsPre2 => false;

        public StdpPairing Pairing { get; } = p.Pairing;

        public void Depress(Span<float> weights, ReadOnlySpan<int> targets, int denseFirst, PostTrace[] post, double readPost1, double pre2Before)
        {
            if (_muMinus == 0)
            {
                AdditiveDepression.Apply(weights, targets, denseFirst, post, (float)(_alphaLambda * _wMax * readPost1));
            }
            else if (_muMinus == 1)
            {
                float rate = (float)(_alphaLambda * readPost1);
                for (int k = 0; k < weights.Length; k++)
                {
                    float w = weights[k] * (1 - (rate * post[targets[k]].Trace1));
                    weights[k] = w > 0 ? w : 0;
                }
            }
            else
            {
                for (int k = 0; k < weights.Length; k++)
                {
                    double w = weights[k];
                    w -= _alphaLambda * _wMax * Math.Pow(Math.Max(w / _wMax, 0), _muMinus) * post[targets[k]].Trace1 * readPost1;
                    weights[k] = (float)Math.Max(w, 0);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Potentiate(float weight, double pre1, double post2Before)
        {
            double w = weight;
            if (_muPlus == 0)
            {
                w += _lambda * _wMax * pre1;
            }
            else if (_muPlus == 1)
            {
                w += _lambda * (_wMax - w) * pre1;
            }
            else
            {
                w += _lambda * _wMax * Math.Pow(Math.Max(1 - (w / _wMax), 0), _muPlus) * pre1;
            }

            return (float)Math.Min(w, _wMax);
        }
    }
}
