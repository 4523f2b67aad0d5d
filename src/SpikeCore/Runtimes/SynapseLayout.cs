using SpikeCore.Compiled;
using SpikeCore.Partitions;

namespace SpikeCore.Runtimes;

/// <summary>
/// What a synapse model needs to create the runtime state of one projection, with the indexing every plastic runtime
/// uses: the projection's blocks numbered 0, 1, ... ("local blocks") and its synapses numbered contiguously block by
/// block ("local synapses").
/// </summary>
public sealed class SynapseLayout
{
    /// <param name="projection">Index of the projection in the network.</param>
    /// <param name="synapses">The compiled synapse table.</param>
    /// <param name="weights">The weights of this simulation by synapse index (a private copy when any model changes weights).</param>
    /// <param name="blocks">The blocks of this projection, in table order.</param>
    /// <param name="target">The runtime of the target population.</param>
    /// <param name="seed">The network seed, for the projection's own random streams.</param>
    /// <param name="view">In a partitioned run: where this partition's synapses and blocks sit in the whole table, so that
    /// random streams and parameters keyed by synapse or block are those of the whole projection (null: the whole).</param>
    /// <param name="source">The source population (whole).</param>
    /// <param name="targetPopulation">The target population (whole; <paramref name="target"/> may be a slice of it).</param>
    internal SynapseLayout(int projection, SynapseTable synapses, float[] weights, int[] blocks, PopulationRuntime target, ulong seed, PartitionView? view,
        PopulationInfo source, PopulationInfo targetPopulation)
    {
        SourceCount = source.Size;
        TargetCount = targetPopulation.Size;
        TargetOffset = target.FirstId - targetPopulation.FirstId;
        BlockSource = new int[blocks.Length];
        for (int s = 0, k = 0; s < source.Size && k < blocks.Length; s++)
        {
            int row = source.FirstId + s;
            while (k < blocks.Length && blocks[k] < synapses.RowBlockStart[row + 1])
            {
                BlockSource[k++] = s; // blocks are in table order, which is by source
            }
        }

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
            int size = synapses.Blocks[blocks[k]].Count;
            LocalBlock[blocks[k]] = k;
            SynapseOffset[k + 1] = SynapseOffset[k] + size;
            LargestBlock = Math.Max(LargestBlock, size);
        }

        _view = view;
        if (view is null)
        {
            WholeSynapseCount = SynapseCount;
            return;
        }

        // The whole projection's numbering: its blocks in table order, its synapses block by block.
        SynapseTable whole = view.Whole;
        var wholeLocalBlock = new Dictionary<int, int>();
        var wholeOffset = new List<int> { 0 };
        for (int b = 0; b < whole.BlockCount; b++)
        {
            if (whole.Blocks[b].Projection == projection)
            {
                wholeLocalBlock[b] = wholeOffset.Count - 1;
                wholeOffset.Add(wholeOffset[^1] + whole.Blocks[b].Count);
            }
        }

        WholeSynapseCount = wholeOffset[^1];
        _wholeBlock = new int[blocks.Length];
        _wholeSynapse = new int[SynapseCount];
        int[] originalSynapse = view.OriginalSynapse!; // a synapse model: weights per synapse, so the view keeps the map
        for (int k = 0; k < blocks.Length; k++)
        {
            int original = view.OriginalBlock[blocks[k]];
            _wholeBlock[k] = wholeLocalBlock[original];
            int inTable = synapses.BlockStart(blocks[k]), inWhole = wholeOffset[_wholeBlock[k]] - whole.BlockStart(original);
            for (int s = SynapseOffset[k]; s < SynapseOffset[k + 1]; s++)
            {
                _wholeSynapse[s] = inWhole + originalSynapse[inTable + (s - SynapseOffset[k])];
            }
        }
    }

    private readonly PartitionView? _view;
    private readonly int[]? _wholeBlock, _wholeSynapse;

    /// <summary>Neurons of the source population (all of them, in any partition).</summary>
    public int SourceCount { get; }

    /// <summary>Neurons of the target population (all of them; <see cref="Target"/> may hold a slice).</summary>
    public int TargetCount { get; }

    /// <summary>Where <see cref="Target"/>'s neuron 0 sits in its whole population (0 unless it is a partition's slice).</summary>
    public int TargetOffset { get; }

    /// <summary>The source neuron (local to its population) of each local block.</summary>
    public int[] BlockSource { get; }

    /// <summary>Synapses of the whole projection (in a partitioned run, of all partitions together).</summary>
    public int WholeSynapseCount { get; }

    /// <summary>Local block <paramref name="localBlock"/>'s number among the whole projection's blocks (the key of per-block streams).</summary>
    public int WholeBlock(int localBlock) => _wholeBlock?[localBlock] ?? localBlock;

    /// <summary>Local synapse <paramref name="localSynapse"/>'s number among the whole projection's synapses (the key of per-synapse streams and parameters).</summary>
    public int WholeSynapse(int localSynapse) => _wholeSynapse?[localSynapse] ?? localSynapse;

    /// <summary>The whole table's index of synapse <paramref name="tableIndex"/> of this layout's table.</summary>
    public int WholeTableIndex(int tableIndex) => _view is null ? tableIndex : _view.OriginalSynapse![tableIndex];

    /// <summary>Index of the projection in the network.</summary>
    public int Projection { get; }

    internal SynapseTable Synapses { get; }

    /// <summary>This simulation's weights by table index (a private copy when any model changes weights).</summary>
    public float[] Weights { get; }

    /// <summary>The projection's blocks in table order: local block k is table block Blocks[k].</summary>
    public int[] Blocks { get; }

    /// <summary>The runtime of the target population (for a partition: its slice).</summary>
    public PopulationRuntime Target { get; }

    /// <summary>The network seed, for the projection's own random streams.</summary>
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
