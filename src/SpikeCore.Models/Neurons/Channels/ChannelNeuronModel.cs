using SpikeCore.Parameters;

namespace SpikeCore.Models.Neurons.Channels;

/// <summary>
/// What the Hodgkin-Huxley family declares beside its capacitance and maximal conductances (whose units differ per
/// model): the reversal potentials, exponential conductance synapses, spike detection, the step and the scheme.
/// Defaults are the squid axon's (<see cref="HodgkinHuxley"/>) but for the synapses (τe = 5, τi = 10 ms); each model
/// sets its own in its constructor.
/// </summary>
public abstract record ChannelNeuronModel : NeuronModel
{
    private static readonly string[] s_receptors = ["excitatory", "inhibitory"];

    /// <summary>Sodium reversal E_Na.</summary>
    [Parameter]
    public double SodiumReversalMv { get; init; } = 50;

    /// <summary>Potassium reversal E_K.</summary>
    [Parameter]
    public double PotassiumReversalMv { get; init; } = -77;

    /// <summary>Leak reversal E_L.</summary>
    [Parameter]
    public double LeakReversalMv { get; init; } = -54.387;

    /// <summary>The synaptic conductances: E_e, E_i, τe, τi.</summary>
    [Parameter(Inline = true)]
    public ConductanceSynapses Synapses { get; init; } = ConductanceSynapses.Default;

    /// <summary>A spike is an upward crossing of this level.</summary>
    [Parameter(PerNeuron = true)]
    public double DetectionMv { get; init; } = -20;

    /// <summary>No second spike is reported sooner than this after one (detection only; the dynamics run on).</summary>
    [Parameter(ParameterCheck.NonNegative, PerNeuron = true)]
    public double RefractoryMs { get; init; } = 2;

    /// <summary>Integration step.</summary>
    [Parameter(ParameterCheck.Positive, Maximum = 1)]
    public double StepMs { get; init; } = 0.01;

    /// <summary>Initial membrane potential (gates start at their steady state there).</summary>
    [Parameter]
    public double RestMv { get; init; } = -65;

    /// <summary>Integration scheme.</summary>
    [Parameter]
    public HhScheme Scheme { get; init; } = HhScheme.RungeKutta4;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Receptors => s_receptors;

    /// <inheritdoc/>
    public override double ClockStepMs => StepMs;

    /// <inheritdoc/>
    public override bool RequiresNonNegativeWeights(int receptor) => true;
}
