using System.Runtime.CompilerServices;
using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// The Pfister-Gerstner 2006 triplet STDP rule (model name <c>stdp_triplet</c>), additive, with event-driven traces.
/// </summary>
/// <remarks>
/// <code>
/// pre traces r1 (τ+), r2 (τx); post traces o1 (τ−), o2 (τy); each +1 per spike of its side (or set to 1: nearest)
/// presynaptic arrival:  w ← w − o1 (A2− + A3− r2)      (r2 from just before this spike)
/// postsynaptic spike:   w ← w + r1 (A2+ + A3+ o2)      (o2 from just before this spike)
/// </code>
/// Defaults: the visual-cortex all-to-all fit of Pfister and Gerstner 2006 (Table 4): τ+ 16.8, τ− 33.7, τx 101,
/// τy 125 ms; A2+ 5e−10, A3+ 6.2e−3, A2− 7e−3, A3− 2.3e−4, which reproduce the Sjöström 2001 frequency dependence
/// (MODELS.md). Amplitudes are in weight units; weights are kept in [0, W_max]. Pairing, delays and clocked targets as
/// in <see cref="Stdp"/>.
/// </remarks>
public sealed record TripletStdp : SynapseModel
{
    /// <summary>τ+, time constant of the pre trace r1.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double TauPlusMs { get; init; } = 16.8;

    /// <summary>τx, time constant of the pre trace r2.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double TauXMs { get; init; } = 101;

    /// <summary>τ−, time constant of the post trace o1.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double TauMinusMs { get; init; } = 33.7;

    /// <summary>τy, time constant of the post trace o2.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double TauYMs { get; init; } = 125;

    /// <summary>A2+, pair potentiation.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double PairPotentiation { get; init; } = 5e-10;

    /// <summary>A3+, triplet potentiation.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double TripletPotentiation { get; init; } = 6.2e-3;

    /// <summary>A2−, pair depression.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double PairDepression { get; init; } = 7e-3;

    /// <summary>A3−, triplet depression.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double TripletDepression { get; init; } = 2.3e-4;

    /// <summary>W_max, the upper weight bound.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double MaxWeight { get; init; } = 1;

    /// <summary>Which spike pairs count.</summary>
    [Parameter]
    public StdpPairing Pairing { get; init; } = StdpPairing.AllToAll;

    /// <summary>
    /// The conductance device that holds each weight (null: ideal analog weights). With a device, w = G · W_max/G_max and
    /// every change the rule asks for is programmed as whole pulses through the device's response, noise and bounds.
    /// </summary>
    [Parameter]
    public SpikeCore.Models.Devices.ConductanceDevice? Device { get; init; }

    /// <inheritdoc/>
    public override string Name => "stdp_triplet";

    /// <inheritdoc/>
    public override bool ChangesWeights => true;

    /// <inheritdoc/>
    public override (double Min, double Max)? WritableWeights => Device is null ? (0, MaxWeight) : null;

    /// <inheritdoc/>
    public override bool LearnsFromPostSpikes => true;

    /// <inheritdoc/>
    public override SynapseRuntime CreateRuntime(SynapseLayout layout) => new StdpRuntime<Rule>(new Rule(this), layout, Device, MaxWeight);

    internal readonly struct Rule(TripletStdp p) : IStdpRule
    {
        private readonly double _a2Plus = p.PairPotentiation, _a3Plus = p.TripletPotentiation;
        private readonly double _a2Minus = p.PairDepression, _a3Minus = p.TripletDepression, _wMax = p.MaxWeight;

        public double TauPre1Ms { get; } = p.TauPlusMs;

        public double TauPre2Ms { get; } = p.TauXMs;

        public double TauPost1Ms { get; } = p.TauMinusMs;

        public double TauPost2Ms { get; } = p.TauYMs;

        public bool UsesSecondTraces => true;

        public bool DepressionReadsPre2 => _a3Minus != 0; // else a2⁻ + 0 · r2 is a2⁻ whatever r2 is

        public StdpPairing Pairing { get; } = p.Pairing;

        public void Depress(Span<float> weights, ReadOnlySpan<int> targets, int denseFirst, PostTrace[] post, double readPost1, double pre2Before)
        {
            AdditiveDepression.Apply(weights, targets, denseFirst, post, (float)(readPost1 * (_a2Minus + _a3Minus * pre2Before)));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Potentiate(float weight, double pre1, double post2Before) =>
            (float)Math.Clamp(weight + pre1 * (_a2Plus + _a3Plus * post2Before), 0, _wMax);
    }
}
