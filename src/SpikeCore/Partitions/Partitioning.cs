using SpikeCore.Compiled;

namespace SpikeCore.Partitions;

/// <summary>
/// How a network is split for a partitioned run: contiguous ranges of neuron ids, balanced by the work they attract
/// (incoming synapses plus a fixed cost per neuron), and each partition's view of the synapse table (every source's
/// row, restricted to the targets the partition owns, with the row's block and delay order kept).
/// </summary>
internal static class Partitioning
{
    /// <summary>The work of a neuron without inputs, in incoming-synapse equivalents.</summary>
    private const long NeuronCost = 8;

    /// <summary>Cut points c_0 = 0 ≤ c_1 ≤ ... ≤ c_P = N: partition p owns ids [c_p, c_p+1).</summary>
    public static int[] Cuts(Network network, int parts)
    {
        SynapseTable t = network.Synapses;
        var cost = new long[network.NeuronCount];
        Array.Fill(cost, NeuronCost);
        for (int b = 0; b < t.BlockCount; b++)
        {
            int first = network.Populations[t.BlockTargetPopulation[b]].FirstId;
            for (int k = t.BlockSynapseStart[b]; k < t.BlockSynapseStart[b + 1]; k++)
            {
                cost[first + t.Target[k]]++;
            }
        }

        long total = cost.Sum(), sum = 0;
        var cuts = new int[parts + 1];
        cuts[parts] = network.NeuronCount;
        int p = 1;
        for (int id = 0; id < network.NeuronCount && p < parts; id++)
        {
            sum += cost[id];
            while (p < parts && sum * parts >= total * p)
            {
                cuts[p++] = id + 1;
            }
        }

        for (; p < parts; p++)
        {
            cuts[p] = network.NeuronCount;
        }

        return cuts;
    }

    /// <summary>
    /// The table seen by the partition owning ids [<paramref name="lo"/>, <paramref name="hi"/>): targets renumbered
    /// within each population's slice, with where each synapse and block came from in the whole table.
    /// </summary>
    public static PartitionView Restrict(Network network, int lo, int hi)
    {
        SynapseTable t = network.Synapses;
        var rowBlockStart = new int[network.NeuronCount + 1];
        var blockStart = new List<int>();
        var delay = new List<double>();
        var population = new List<int>();
        var receptor = new List<byte>();
        var projection = new List<short>();
        var target = new List<int>();
        var originalSynapse = new List<int>();
        var originalBlock = new List<int>();
        List<float>? weight = t.Weight is null ? null : [];
        for (int s = 0; s < network.NeuronCount; s++)
        {
            for (int b = t.RowBlockStart[s]; b < t.RowBlockStart[s + 1]; b++)
            {
                int first = network.Populations[t.BlockTargetPopulation[b]].FirstId, sliceFirst = Math.Max(first, lo);
                int before = target.Count;
                for (int k = t.BlockSynapseStart[b]; k < t.BlockSynapseStart[b + 1]; k++)
                {
                    int global = first + t.Target[k];
                    if (global >= lo && global < hi)
                    {
                        target.Add(global - sliceFirst);
                        originalSynapse.Add(k);
                        weight?.Add(t.Weight![k]);
                    }
                }

                if (target.Count > before)
                {
                    blockStart.Add(before);
                    delay.Add(t.BlockDelayMs[b]);
                    population.Add(t.BlockTargetPopulation[b]);
                    receptor.Add(t.BlockReceptor[b]);
                    projection.Add(t.BlockProjection[b]);
                    originalBlock.Add(b);
                }
            }

            rowBlockStart[s + 1] = blockStart.Count;
        }

        blockStart.Add(target.Count);
        var table = new SynapseTable(rowBlockStart, [.. blockStart], [.. delay], [.. population], [.. receptor], [.. projection], [.. target],
            weight is null ? null : [.. weight], t.ProjectionWeight);
        return new PartitionView(table, t, [.. originalSynapse], [.. originalBlock]);
    }
}
