namespace SpikeCore.Building;

/// <summary>Synapses from one population to another, all onto the same receptor.</summary>
/// <param name="From">Source population name.</param>
/// <param name="To">Target population name.</param>
/// <param name="Rule">Which pairs are connected.</param>
/// <param name="Weight">Weight per synapse, in the target receptor's unit (mV for current LIF, nS for conductances).</param>
/// <param name="DelayMs">Axonal delay per synapse; rounded to the network's delay resolution.</param>
/// <param name="Receptor">Target receptor name, e.g. "excitatory".</param>
public sealed record ProjectionSpec(
    string From,
    string To,
    Connectivity Rule,
    Distribution Weight,
    Distribution DelayMs,
    string Receptor)
{
    /// <summary>The plastic synapse model, or null for static synapses.</summary>
    public SynapseModel? Synapse { get; init; }
}
