namespace SpikeCore.Models.Synapses;

/// <summary>Which spike pairs an STDP rule counts.</summary>
public enum StdpPairing
{
    /// <summary>Every pre-post pair: a spike adds 1 to its trace.</summary>
    AllToAll,

    /// <summary>Nearest spikes only (symmetric nearest neighbour, NEST's stdp_nn_symm): a spike resets its trace to 1.</summary>
    Nearest,
}
