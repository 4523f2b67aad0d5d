using SpikeCore.Compiled;

namespace SpikeCore.Running;

/// <summary>What a synapse model needs to create the runtime state of one projection.</summary>
/// <param name="Projection">Index of the projection in the network.</param>
/// <param name="Synapses">The compiled synapse table.</param>
/// <param name="Weights">The weights of this simulation by synapse index (a private copy when any model changes weights).</param>
/// <param name="Blocks">The blocks of this projection, in table order.</param>
/// <param name="Target">The runtime of the target population.</param>
/// <param name="Seed">The network seed, for the projection's own random streams.</param>
internal sealed record SynapseLayout(int Projection, SynapseTable Synapses, float[] Weights, int[] Blocks, PopulationRuntime Target, ulong Seed)
{
    /// <summary>Number of synapses in the projection.</summary>
    public int SynapseCount => Blocks.Sum(b => Synapses.BlockSynapseStart[b + 1] - Synapses.BlockSynapseStart[b]);
}
