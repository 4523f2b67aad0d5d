using SpikeCore.Compiled;

namespace SpikeCore.Running;

/// <summary>
/// What a synapse model needs to create the runtime state of one projection, with the indexing every plastic runtime
/// uses: the projection's blocks numbered 0, 1, ... ("local blocks") and its synapses numbered contiguously block by
/// block ("local synapses").
/// </summary>
internal sealed class SynapseLayout
{
    /// <param name="projection">Index of the projection in the network.</param>
    /// <param name="synapses">The compiled synapse table.</param>
    /// <param name="weights">The weights of this simulation by synapse index (a private copy when any model changes weights).</param>
    /// <param name="blocks">The blocks of this projection, in table order.</param>
    /// <param name="target">The runtime of the target population.</param>
    /// <param name="seed">The network seed, for the projection's own random streams.</param>
    public SynapseLayout(int projection, SynapseTable synapses, float[] weights, int[] blocks, PopulationRuntime target, ulong seed)
    {
        Projection = projection;
        Synapses = synapses;
        Weights = weights;
        Blocks = blocks;
        Target = target;
        Seed = seed;
        LocalBlock = new int[synapses.BlockCount];
        SynapseOffset = new int[blocks.Length + 1];
        for (int k = 0; k < blocks.Length; k++)
        {
            int size = synapses.BlockSynapseStart[blocks[k] + 1] - synapses.BlockSynapseStart[blocks[k]];
            LocalBlock[blocks[k]] = k;
            SynapseOffset[k + 1] = SynapseOffset[k] + size;
            LargestBlock = Math.Max(LargestBlock, size);
        }
    }

    public int Projection { get; }

    public SynapseTable Synapses { get; }

    public float[] Weights { get; }

    public int[] Blocks { get; }

    public PopulationRuntime Target { get; }

    public ulong Seed { get; }

    /// <summary>Local number of each table block of this projection (by table block index; other entries are unused).</summary>
    public int[] LocalBlock { get; }

    /// <summary>Local synapses of local block k are [SynapseOffset[k], SynapseOffset[k + 1]).</summary>
    public int[] SynapseOffset { get; }

    /// <summary>Synapses in the largest block (the size of a scratch buffer for one delivery).</summary>
    public int LargestBlock { get; }

    /// <summary>Number of synapses in the projection.</summary>
    public int SynapseCount => SynapseOffset[^1];
}
