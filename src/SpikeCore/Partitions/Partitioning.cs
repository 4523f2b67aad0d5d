using SpikeCore.Compiled;

namespace SpikeCore.Partitions;

/// <summary>
/// How a network is split for a partitioned run: contiguous ranges of neuron ids, balanced by the work they attract
/// (incoming synapses, a fixed cost per neuron, and one per block of a row that reaches the partition), and each
/// partition's view of the synapse table (every source's row, restricted to the targets the partition owns, with the
/// row's block and delay order kept).
/// </summary>
internal static class Partitioning
{
    /// <summary>The work of a neuron without inputs, in incoming-synapse equivalents.</summary>
    private const double NeuronCost = 8;

    /// <summary>
    /// The work of delivering one block (a row's synapses onto one population with one delay), over that of its synapses,
    /// in incoming-synapse equivalents. Measured: CUBA with 40,000 neurons cut in two at the 20,000th neuron gave the
    /// partition holding both populations (two blocks per row) 9% more work per window than the one holding excitatory
    /// neurons only; the two took the same work when cut at about the 21,000th, where 4.5 per block balances the costs.
    /// </summary>
    private const double BlockCost = 4.5;

    /// <summary>
    /// Cut points c_0 = 0 ≤ c_1 ≤ ... ≤ c_P = N: partition p owns ids [c_p, c_p+1). The cuts keep the largest
    /// partition's cost as small as it can be (a bisection over that cost, each partition taken as long as it fits):
    /// the cost of ids [lo, hi) is Σ (NeuronCost + in-degree) + BlockCost Σ_q B_q (1 − e^(−S_q / B_q)), over the
    /// populations q the range meets, B_q the blocks onto q and S_q the synapses onto the range's slice of q: the blocks
    /// that S_q synapses spread at random over B_q blocks reach (all of them when S_q ≫ B_q, about S_q when S_q ≪ B_q).
    /// </summary>
    public static int[] Cuts(Network network, int parts)
    {
        SynapseTable t = network.Synapses;
        int n = network.NeuronCount;
        var synapsesBefore = new long[n + 1]; // in-degree, summed over the ids before
        var blocksOnto = new long[network.Populations.Count];
        for (int b = 0; b < t.BlockCount; b++)
        {
            int q = t.Blocks[b].TargetPopulation, first = network.Populations[q].FirstId;
            blocksOnto[q]++;
            for (int k = t.BlockStart(b); k < t.BlockEnd(b); k++)
            {
                synapsesBefore[first + t.Target[k] + 1]++;
            }
        }

        for (int id = 0; id < n; id++)
        {
            synapsesBefore[id + 1] += synapsesBefore[id];
        }

        double Cost(int lo, int hi)
        {
            double cost = NeuronCost * (hi - lo) + (synapsesBefore[hi] - synapsesBefore[lo]);
            foreach (PopulationInfo q in network.Populations)
            {
                int from = Math.Max(lo, q.FirstId), to = Math.Min(hi, q.FirstId + q.Size);
                if (from < to && blocksOnto[q.Index] > 0)
                {
                    double blocks = blocksOnto[q.Index];
                    cost += BlockCost * blocks * (1 - Math.Exp(-(synapsesBefore[to] - synapsesBefore[from]) / blocks));
                }
            }

            return cost;
        }

        // The end of the longest partition from `lo` whose cost is at most `bound` (the cost grows with the end).
        int End(int lo, double bound)
        {
            int hi = lo, top = n;
            while (hi < top)
            {
                int mid = hi + (top - hi + 1) / 2;
                (hi, top) = Cost(lo, mid) <= bound ? (mid, top) : (hi, mid - 1);
            }

            return hi;
        }

        int[] Greedy(double bound)
        {
            var cuts = new int[parts + 1];
            for (int p = 1; p <= parts; p++)
            {
                cuts[p] = p == parts ? n : End(cuts[p - 1], bound);
            }

            return cuts;
        }

        // The smallest bound whose greedy cuts leave the last partition within it, to a part in 10^9 of the whole.
        double whole = Cost(0, n), low = 0, high = whole;
        while (high - low > 1e-9 * whole)
        {
            double mid = (low + high) / 2;
            int[] cuts = Greedy(mid);
            (low, high) = Cost(cuts[parts - 1], n) <= mid ? (low, mid) : (mid, high);
        }

        return Greedy(high);
    }

    /// <summary>
    /// The table seen by the partition owning ids [<paramref name="lo"/>, <paramref name="hi"/>): targets renumbered
    /// within each population's slice, with where each block and (with weights per synapse) each synapse came from in the
    /// whole table. Two passes over the whole table: the first counts each block's synapses in the range, so that the
    /// second fills arrays allocated once at their size (growing lists held up to three times a view's size at once, and
    /// copied it twice).
    /// </summary>
    public static PartitionView Restrict(Network network, int lo, int hi)
    {
        SynapseTable t = network.Synapses;
        var owned = new int[t.BlockCount]; // each block's synapses in the range
        int synapses = 0, blocks = 0;
        for (int b = 0; b < t.BlockCount; b++)
        {
            int first = network.Populations[t.Blocks[b].TargetPopulation].FirstId, n = 0;
            foreach (int local in t.Target.AsSpan(t.BlockStart(b), t.Blocks[b].Count))
            {
                n += first + local >= lo && first + local < hi ? 1 : 0;
            }

            (owned[b], synapses, blocks) = (n, synapses + n, blocks + (n > 0 ? 1 : 0));
        }

        var rowBlockStart = new int[network.NeuronCount + 1];
        var blockStart = new int[blocks + 1];
        var delay = new double[blocks];
        var population = new int[blocks];
        var receptor = new byte[blocks];
        var projection = new short[blocks];
        var originalBlock = new int[blocks];
        var target = new int[synapses];
        int[]? originalSynapse = t.Weight is null ? null : new int[synapses]; // (see PartitionView)
        float[]? weight = t.Weight is null ? null : new float[synapses];
        int block = 0, synapse = 0;
        for (int s = 0; s < network.NeuronCount; s++)
        {
            for (int b = t.RowBlockStart[s]; b < t.RowBlockStart[s + 1]; b++)
            {
                if (owned[b] == 0)
                {
                    continue;
                }

                (blockStart[block], delay[block], originalBlock[block]) = (synapse, t.BlockDelayMs[b], b);
                (population[block], receptor[block], projection[block]) = (t.Blocks[b].TargetPopulation, t.Blocks[b].Receptor, t.Blocks[b].Projection);
                block++;
                int first = network.Populations[t.Blocks[b].TargetPopulation].FirstId, sliceFirst = Math.Max(first, lo);
                for (int k = t.BlockStart(b); k < t.BlockEnd(b); k++)
                {
                    int global = first + t.Target[k];
                    if (global >= lo && global < hi)
                    {
                        target[synapse] = global - sliceFirst;
                        if (weight is not null)
                        {
                            (weight[synapse], originalSynapse![synapse]) = (t.Weight![k], k);
                        }

                        synapse++;
                    }
                }
            }

            rowBlockStart[s + 1] = block;
        }

        blockStart[blocks] = synapses;
        var table = new SynapseTable(rowBlockStart, blockStart, delay, population, receptor, projection, target, weight, t.ProjectionWeight);
        return new PartitionView(table, t, originalSynapse, originalBlock);
    }
}
