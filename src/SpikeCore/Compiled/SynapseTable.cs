namespace SpikeCore.Compiled;

/// <summary>
/// Outgoing synapses in compressed sparse rows, 8 bytes per synapse (a 4-byte target index and a 4-byte weight), or 4
/// when every projection has one fixed weight (then kept once per projection).
/// </summary>
/// <remarks>
/// The row of source s is cut into blocks: runs of synapses with the same delay, target population and receptor,
/// ordered by delay. Blocks of equal delay form a delay group, delivered by one queue entry. Block metadata costs
/// 19 bytes per block and is shared by all synapses of the block (for the benchmark networks, 2 blocks per neuron).
/// </remarks>
internal sealed class SynapseTable
{
    public SynapseTable(int[] rowBlockStart, int[] blockSynapseStart, double[] blockDelayMs, int[] blockTargetPopulation,
        byte[] blockReceptor, short[] blockProjection, int[] target, float[]? weight, float[]? projectionWeight = null)
    {
        RowBlockStart = rowBlockStart;
        BlockSynapseStart = blockSynapseStart;
        BlockDelayMs = blockDelayMs;
        BlockTargetPopulation = blockTargetPopulation;
        BlockReceptor = blockReceptor;
        BlockProjection = blockProjection;
        Target = target;
        Weight = weight;
        ProjectionWeight = projectionWeight;
        if ((weight is null) == (projectionWeight is null))
        {
            throw new ArgumentException("a synapse table keeps either a weight per synapse or one per projection");
        }
    }

    /// <summary>Blocks of source s are [RowBlockStart[s], RowBlockStart[s + 1]).</summary>
    public int[] RowBlockStart { get; }

    /// <summary>Synapses of block b are [BlockSynapseStart[b], BlockSynapseStart[b + 1]).</summary>
    public int[] BlockSynapseStart { get; }

    /// <summary>Delay of block b (a multiple of the delay resolution).</summary>
    public double[] BlockDelayMs { get; }

    /// <summary>Population index of the targets of block b.</summary>
    public int[] BlockTargetPopulation { get; }

    /// <summary>Receptor index (in the target model) of block b.</summary>
    public byte[] BlockReceptor { get; }

    /// <summary>Projection index of block b.</summary>
    public short[] BlockProjection { get; }

    /// <summary>Target neuron, as an index local to its population.</summary>
    public int[] Target { get; }

    /// <summary>Weight in the target receptor's unit, per synapse; null when <see cref="ProjectionWeight"/> holds them.</summary>
    public float[]? Weight { get; }

    /// <summary>The one weight of each projection, when every projection has a single fixed weight; else null.</summary>
    public float[]? ProjectionWeight { get; }

    /// <summary>The weight of synapse <paramref name="synapse"/>, which lies in block <paramref name="block"/>.</summary>
    public float WeightOf(int synapse, int block) => Weight?[synapse] ?? ProjectionWeight![BlockProjection[block]];

    /// <summary>
    /// Per block, t₀ when its targets are t₀, t₀ + 1, ... (a dense row, <see cref="Runtimes.DenseRow.Is"/>), else −1:
    /// found once, on first use, so that a delivery neither scans its targets nor reads them (populations take such rows
    /// through <see cref="Runtimes.PopulationRuntime.DeliverDense"/>).
    /// </summary>
    public int[] DenseRowStart => _denseRowStart ??= [.. Enumerable.Range(0, BlockCount).Select(b =>
        Target.AsSpan(BlockSynapseStart[b], BlockSynapseStart[b + 1] - BlockSynapseStart[b]) is var targets && Runtimes.DenseRow.Is(targets) ? targets[0] : -1)];

    private int[]? _denseRowStart;

    public int SynapseCount => Target.Length;

    public int BlockCount => BlockDelayMs.Length;

    /// <summary>All bytes held by the table.</summary>
    public long Bytes => 4L * RowBlockStart.Length + 4L * BlockSynapseStart.Length + 8L * BlockDelayMs.Length
        + 4L * BlockTargetPopulation.Length + BlockReceptor.Length + 2L * BlockProjection.Length + 4L * Target.Length
        + 4L * (Weight?.Length ?? ProjectionWeight!.Length);
}
