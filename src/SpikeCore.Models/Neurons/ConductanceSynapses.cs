using SpikeCore.Parameters;

namespace SpikeCore.Models.Neurons;

/// <summary>
/// Exponentially decaying synaptic conductances on two receptors, declared once for every conductance-based neuron
/// (<see cref="LifCondExp"/> and the Hodgkin-Huxley family): a spike of weight w adds w to g_e (receptor 0) or g_i
/// (receptor 1), which then decay, and each drives the membrane towards its reversal potential.
/// </summary>
/// <remarks>
/// <code>
/// I_syn = g_e (E_e − V) + g_i (E_i − V),   τe dg_e/dt = −g_e,   τi dg_i/dt = −g_i
/// </code>
/// Defaults are the COBA benchmark's (Vogels and Abbott 2005): E_e = 0, E_i = −80 mV, τe = 5, τi = 10 ms. The neuron
/// declares it inline, so its parameters stand in the neuron's own JSON object.
/// </remarks>
public sealed record ConductanceSynapses
{
    /// <summary>E_e = 0, E_i = −80 mV, τe = 5 ms, τi = 10 ms.</summary>
    public static ConductanceSynapses Default { get; } = new();

    /// <summary>Excitatory reversal E_e.</summary>
    [Parameter]
    public double ExcitatoryReversalMv { get; init; }

    /// <summary>Inhibitory reversal E_i.</summary>
    [Parameter]
    public double InhibitoryReversalMv { get; init; } = -80;

    /// <summary>Excitatory conductance time constant τe.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double ExcitatoryTauMs { get; init; } = 5;

    /// <summary>Inhibitory conductance time constant τi.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double InhibitoryTauMs { get; init; } = 10;
}
