namespace SpikeCore.Compiled;

/// <summary>
/// Outgoing synapses in compressed sparse rows, 8 bytes per synapse (a 4-byte target index and a 4-byte weight), or 4
/// when every projection has one fixed weight (then kept once per projection).
/// </summary>
/// <remarks>
/// The row of source s is cut into blocks: runs of synapses with the same delay, target population and receptor,
/// ordered by delay. Blocks of equal delay form a delay group, delivered by one queue entry. Block metadata costs
/// 24 bytes per block (its delay and a <see cref="SynapseBlock"/>) and is shared by all synapses of the
/// block (for the benchmark networks, 2 blocks per neuron).
/// </remarks>
internal sealed class SynapseTable
{
    /// <param name="rowBlockStart">Per source s, its first block; the last entry is the block count.</param>
    /// <param name="blockSynapseStart">Per block, its first synapse; the last entry is the synapse count (kept in <see cref="Blocks"/>).</param>
    /// <param name="blockDelayMs">Per block, its delay.</param>
    /// <param name="blockTargetPopulation">Per block, its targets' population.</param>
    /// <param name="blockReceptor">Per block, its targets' receptor.</param>
    /// <param name="blockProjection">Per block, its projection.</param>
    /// <param name="target">Per synapse, its target, local to the target population.</param>
    /// <param name="weight">Per synapse, its weight (null: <paramref name="projectionWeight"/>).</param>
    /// <param name="projectionWeight">Per projection, its one weight (null: <paramref name="weight"/>).</param>
    public SynapseTable(int[] rowBlockStart, int[] blockSynapseStart, double[] blockDelayMs, int[] blockTargetPopulation,
        byte[] blockReceptor, short[] blockProjection, int[] target, float[]? weight, float[]? projectionWeight = null)
    {
        if ((weight is null) == (projectionWeight is null))
        {
            throw new ArgumentException("a synapse table keeps either a weight per synapse or one per projection");
        }

        RowBlockStart = rowBlockStart;
        BlockDelayMs = blockDelayMs;
        Target = target;
        Weight = weight;
        ProjectionWeight = projectionWeight;
        Blocks = new SynapseBlock[blockDelayMs.Length];
        for (int row = 0; row + 1 < rowBlockStart.Length; row++)
        {
            for (int b = rowBlockStart[row], end = rowBlockStart[row + 1]; b < end; b++)
            {
                int start = blockSynapseStart[b], count = blockSynapseStart[b + 1] - start;
                bool follows = b + 1 < end;
                Blocks[b] = new SynapseBlock(start, count, blockTargetPopulation[b], blockProjection[b], blockReceptor[b],
                    follows && blockDelayMs[b + 1] == blockDelayMs[b], follows && blockDelayMs[b + 1] != blockDelayMs[b],
                    Runtimes.DenseRow.Is(target.AsSpan(start, count)));
            }
        }
    }

    /// <summary>Blocks of source s are [RowBlockStart[s], RowBlockStart[s + 1]).</summary>
    public int[] RowBlockStart { get; }

    /// <summary>Block <paramref name="b"/>'s first synapse: its synapses are [BlockStart(b), BlockEnd(b)).</summary>
    public int BlockStart(int b) => Blocks[b].SynapseStart;

    /// <summary>One past block <paramref name="b"/>'s last synapse.</summary>
    public int BlockEnd(int b) => Blocks[b].SynapseStart + Blocks[b].Count;

    /// <summary>Delay of block b (a multiple of the delay resolution).</summary>
    public double[] BlockDelayMs { get; }

    /// <summary>Block b's synapses, target population, projection and receptor, as a delivery reads them.</summary>
    public SynapseBlock[] Blocks { get; }

    /// <summary>Target neuron, as an index local to its population.</summary>
    public int[] Target { get; }

    /// <summary>Weight in the target receptor's unit, per synapse; null when <see cref="ProjectionWeight"/> holds them.</summary>
    public float[]? Weight { get; }

    /// <summary>The one weight of each projection, when every projection has a single fixed weight; else null.</summary>
    public float[]? ProjectionWeight { get; }

    /// <summary>The weight of synapse <paramref name="synapse"/>, which lies in block <paramref name="block"/>.</summary>
    public float WeightOf(int synapse, int block) => Weight?[synapse] ?? ProjectionWeight![Blocks[block].Projection];

    /// <summary>
    /// Block <paramref name="b"/>'s first target t₀ when its targets are t₀, t₀ + 1, ... (a dense row,
    /// <see cref="Runtimes.DenseRow.Is"/>), else −1: populations take such rows through
    /// <see cref="Runtimes.PopulationRuntime.DeliverDense"/>, neither scanning nor reading the targets.
    /// </summary>
    public int DenseRowStart(int b) => Blocks[b].Dense ? Target[Blocks[b].SynapseStart] : -1;

    public int SynapseCount => Target.Length;

    public int BlockCount => BlockDelayMs.Length;

    /// <summary>All bytes held by the table.</summary>
    public long Bytes => 4L * RowBlockStart.Length + 8L * BlockDelayMs.Length
        + 16L * Blocks.Length + 4L * Target.Length + 4L * (Weight?.Length ?? ProjectionWeight!.Length);
}
