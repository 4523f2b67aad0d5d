using System.Runtime.CompilerServices;
using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// The second-order (thermal) memristor synapse (model name <c>second_order_memristor</c>; Kim et al., Nano Lett. 15,
/// 2203, 2015): the filament size w sets the conductance, and a second state variable, the local temperature T, makes
/// spike timing matter with non-overlapping pulses.
/// </summary>
/// <remarks>
/// <code>
/// G = G_min + (G_max − G_min) w,   delivered weight = W_max G / G_max
/// every spike through the device (pre or post) heats it: T = T0 + ΔT Σ e^(−(t − t_k)/τ_T) over earlier spikes
/// programming is Arrhenius-activated: rate(T) = A exp(E_a/k_B (1/T0 − 1/T))
/// presynaptic spike (negative programming pulse):  w ← w − rate(T) w
/// postsynaptic spike (positive programming pulse): w ← w + rate(T) (1 − w)
/// </code>
/// A pulse that lands while the device is still warm from the other side's spike programs more: pre-then-post
/// potentiates and post-then-pre depresses, with a window set by τ_T, and nothing overlaps (MODELS.md's compact form:
/// dw/dt = k0 sinh(V/V0) e^(−E_a/k_B T) F(w), with the pulse's sinh term folded into A and F(w) = 1 − w or w). The
/// devices of Kim 2015 cool in about a microsecond; the default τ_T = 20 ms rescales the window to spike timing.
/// </remarks>
public sealed record SecondOrderMemristor : SynapseModel
{
    private const double BoltzmannEvPerK = 8.617333262e-5;

    /// <summary>W_max, the weight at w = 1.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double MaxWeight { get; init; } = 1;

    /// <summary>G_min / G_max.</summary>
    [Parameter(ParameterCheck.NonNegative, Maximum = 0.999999)]
    public double MinConductanceRatio { get; init; } = 0.1;

    /// <summary>τ_T, the thermal time constant.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double ThermalTauMs { get; init; } = 20;

    /// <summary>ΔT, the heating of one spike.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double HeatPerSpikeK { get; init; } = 100;

    /// <summary>T0, the ambient temperature.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double AmbientK { get; init; } = 300;

    /// <summary>E_a, the activation energy of ion motion.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double ActivationEnergyEv { get; init; } = 0.5;

    /// <summary>A, the fraction of its range a pulse moves w at ambient temperature.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double ProgrammingRate { get; init; } = 1e-4;

    /// <inheritdoc/>
    public override string Name => "second_order_memristor";

    /// <inheritdoc/>
    public override bool ChangesWeights => true;

    /// <inheritdoc/>
    public override bool LearnsFromPostSpikes => true;

    /// <summary>rate(T) for a device <paramref name="heatK"/> above ambient.</summary>
    public double Rate(double heatK) =>
        ProgrammingRate * Math.Exp(ActivationEnergyEv / BoltzmannEvPerK * ((1 / AmbientK) - (1 / (AmbientK + heatK))));

    /// <summary>Filament state w of a weight.</summary>
    internal double State(double weight) => ((weight / MaxWeight) - MinConductanceRatio) / (1 - MinConductanceRatio);

    /// <summary>Weight of a filament state w.</summary>
    internal float Weight(double w) => (float)(MaxWeight * (MinConductanceRatio + ((1 - MinConductanceRatio) * Math.Clamp(w, 0, 1))));

    /// <inheritdoc/>
    public override SynapseRuntime CreateRuntime(SynapseLayout layout) => new StdpRuntime<Rule>(new Rule(this), layout, null, MaxWeight);

    /// <summary>The rule on heat traces: r (pre spikes at the block), o (post spikes at the target), all with τ_T.</summary>
    internal readonly struct Rule(SecondOrderMemristor m) : IStdpRule
    {
        public double TauPre1Ms { get; } = m.ThermalTauMs;

        public double TauPre2Ms { get; } = m.ThermalTauMs;

        public double TauPost1Ms { get; } = m.ThermalTauMs;

        public double TauPost2Ms { get; } = m.ThermalTauMs;

        public bool UsesSecondTraces => true;

        public bool DepressionReadsPre2 => true;

        public StdpPairing Pairing => StdpPairing.AllToAll;

        public void Depress(Span<float> weights, ReadOnlySpan<int> targets, int denseFirst, PostTrace[] post, double readPost1, double pre2Before)
        {
            for (int k = 0; k < weights.Length; k++)
            {
                double heat = m.HeatPerSpikeK * (pre2Before + (post[targets[k]].Trace1 * readPost1));
                double w = m.State(weights[k]);
                weights[k] = m.Weight(w - (m.Rate(heat) * w));
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Potentiate(float weight, double pre1, double post2Before)
        {
            double w = m.State(weight);
            return m.Weight(w + (m.Rate(m.HeatPerSpikeK * (pre1 + post2Before)) * (1 - w)));
        }
    }
}
