namespace SpikeCore.Compiled;

/// <summary>
/// Merges generated projections into one <see cref="SynapseTable"/>: a counting sort by global source, then each row
/// ordered by (delay, projection) and cut into blocks.
/// </summary>
internal static class CsrAssembler
{
    /// <summary>One projection's synapses with where they go; <paramref name="SharedWeight"/> when every synapse has that weight and it never changes.</summary>
    public readonly record struct Part(GeneratedProjection Synapses, int SourceFirstId, int TargetPopulation, byte Receptor, float? SharedWeight = null);

    public static SynapseTable Assemble(int neuronCount, IReadOnlyList<Part> parts, double resolutionMs, ParallelOptions parallel)
    {
        var rowStart = new int[neuronCount + 1];
        long total = 0;
        foreach (Part part in parts)
        {
            int[] src = part.Synapses.Source;
            for (int k = 0; k < src.Length; k++)
            {
                rowStart[part.SourceFirstId + src[k] + 1]++;
            }

            total += src.Length;
        }

        if (total > int.MaxValue)
        {
            throw new NotSupportedException($"{total} synapses exceed the 2^31 - 1 a single table holds; partition the network");
        }

        for (int s = 0; s < neuronCount; s++)
        {
            rowStart[s + 1] += rowStart[s];
        }

        // When every projection's weight is shared and fixed (NEST's homogeneous-weight synapses), the table keeps one
        // weight per projection instead of one per synapse: 4 bytes per synapse instead of 8.
        bool shared = parts.All(p => p.SharedWeight is not null);
        var target = new int[total];
        float[]? weight = shared ? null : new float[total];

        // Likewise the delays while building: when every projection has one delay, a synapse's is its projection's.
        int[]? delay = parts.All(p => p.Synapses.DelaySteps is null) ? null : new int[total];
        int[] partDelay = [.. parts.Select(p => p.Synapses.ConstantDelaySteps)];
        var projection = new short[total];
        // The scatter by source, in parallel over ranges of sources: each range's rows are filled by one thread, in
        // generation order, so the table is the same for any thread count (every thread reads all sources, and writes
        // only its own rows).
        var fill = (int[])rowStart.Clone();
        int threads = parallel.MaxDegreeOfParallelism > 0 ? parallel.MaxDegreeOfParallelism : Environment.ProcessorCount;
        int ranges = Math.Clamp(neuronCount, 1, threads);
        Parallel.For(0, ranges, parallel, r =>
        {
            for (int p = 0; p < parts.Count; p++)
            {
                Scatter(p, (int)((long)neuronCount * r / ranges), (int)((long)neuronCount * (r + 1) / ranges));
            }
        });

        // Part p's synapses from sources [lo, hi) to their rows.
        void Scatter(int p, int lo, int hi)
        {
            GeneratedProjection g = parts[p].Synapses;
            int first = parts[p].SourceFirstId;
            (float[]? weights, int[]? delays) = (g.Weight, g.DelaySteps);
            for (int k = 0; k < g.Count; k++)
            {
                int row = first + g.Source[k];
                if (row < lo || row >= hi)
                {
                    continue;
                }

                int at = fill[row]++;
                target[at] = g.Target[k];
                if (weight is not null)
                {
                    weight[at] = weights is null ? g.ConstantWeight : weights[k];
                }

                if (delay is not null)
                {
                    delay[at] = delays is null ? g.ConstantDelaySteps : delays[k];
                }

                projection[at] = (short)p;
            }
        }

        // Rows are already in projection order; sort by delay only where delays vary (stable, so projection order stays).
        var blocksPerRow = new int[neuronCount + 1];
        Parallel.For(0, (neuronCount + 1023) / 1024, parallel, chunk =>
        {
            int end = Math.Min(neuronCount, (chunk + 1) * 1024);
            Int128[]? keys = null;
            int[]? order = null;
            for (int s = chunk * 1024; s < end; s++)
            {
                int a = rowStart[s], b = rowStart[s + 1];
                if (!IsSorted(delay, partDelay, projection, a, b))
                {
                    SortRow(a, b, target, weight, delay, partDelay, projection, ref keys, ref order);
                }

                int blocks = 0;
                for (int k = a; k < b; k++)
                {
                    if (StartsBlock(delay, projection, a, k))
                    {
                        blocks++;
                    }
                }

                blocksPerRow[s + 1] = blocks;
            }
        });

        for (int s = 0; s < neuronCount; s++)
        {
            blocksPerRow[s + 1] += blocksPerRow[s];
        }

        int blockCount = blocksPerRow[neuronCount];
        var blockStart = new int[blockCount + 1];
        var blockDelay = new double[blockCount];
        var blockPop = new int[blockCount];
        var blockReceptor = new byte[blockCount];
        var blockProjection = new short[blockCount];
        int bi = 0;
        for (int s = 0; s < neuronCount; s++)
        {
            for (int k = rowStart[s]; k < rowStart[s + 1]; k++)
            {
                if (StartsBlock(delay, projection, rowStart[s], k))
                {
                    blockStart[bi] = k;
                    blockDelay[bi] = DelayOf(delay, partDelay, projection, k) * resolutionMs;
                    blockPop[bi] = parts[projection[k]].TargetPopulation;
                    blockReceptor[bi] = parts[projection[k]].Receptor;
                    blockProjection[bi] = projection[k];
                    bi++;
                }
            }
        }

        blockStart[blockCount] = (int)total;
        float[]? projectionWeight = shared ? [.. parts.Select(p => p.SharedWeight!.Value)] : null;
        return new SynapseTable(blocksPerRow, blockStart, blockDelay, blockPop, blockReceptor, blockProjection, target, weight, projectionWeight);
    }

    /// <summary>Whether synapse <paramref name="k"/> of the row starting at <paramref name="rowStart"/> begins a block: the row's first, or another projection or delay than the one before.</summary>
    private static bool StartsBlock(int[]? delay, short[] projection, int rowStart, int k) =>
        k == rowStart || projection[k] != projection[k - 1] || (delay is not null && delay[k] != delay[k - 1]);

    /// <summary>Synapse <paramref name="k"/>'s delay in steps: its own, or its projection's when no array is kept.</summary>
    private static int DelayOf(int[]? delay, int[] partDelay, short[] part, int k) => delay is null ? partDelay[part[k]] : delay[k];

    private static bool IsSorted(int[]? delay, int[] partDelay, short[] part, int a, int b)
    {
        for (int k = a + 1; k < b; k++)
        {
            int d = DelayOf(delay, partDelay, part, k), before = DelayOf(delay, partDelay, part, k - 1);
            if (d < before || (d == before && part[k] < part[k - 1]))
            {
                return false;
            }
        }

        return true;
    }

    private static void SortRow(int a, int b, int[] target, float[]? weight, int[]? delay, int[] partDelay, short[] part,
        ref Int128[]? keys, ref int[]? order)
    {
        int n = b - a;
        if (keys is null || keys.Length < n)
        {
            keys = new Int128[n];
            order = new int[n];
        }

        for (int k = 0; k < n; k++)
        {
            // (delay, projection, original position) in 31 + 15 + 31 bits: a total order, so the sort is stable.
            keys[k] = ((Int128)DelayOf(delay, partDelay, part, a + k) << 64) | ((Int128)(ushort)part[a + k] << 32) | (uint)k;
            order![k] = k;
        }

        keys.AsSpan(0, n).Sort(order.AsSpan(0, n));
        int[] t = target.AsSpan(a, n).ToArray();
        float[]? w = weight?.AsSpan(a, n).ToArray();
        int[]? d = delay?.AsSpan(a, n).ToArray();
        short[] p = part.AsSpan(a, n).ToArray();
        for (int k = 0; k < n; k++)
        {
            int o = order![k];
            target[a + k] = t[o];
            if (weight is not null)
            {
                weight[a + k] = w![o];
            }

            if (delay is not null)
            {
                delay[a + k] = d![o];
            }

            part[a + k] = p[o];
        }
    }
}
