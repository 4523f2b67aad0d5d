namespace SpikeCore.Optimization.MaxCut;

/// <summary>
/// The cut of a spin assignment: cut(s) = Σ_(i,j) w_ij (1 − s_i s_j)/2, the total weight of edges whose ends have
/// opposite spins; local fields h_i = Σ_j w_ij s_j, so flipping spin i changes the cut by s_i h_i.
/// </summary>
public static class CutValue
{
    /// <summary>cut(s) for spins ±1.</summary>
    public static long Of(MaxCutGraph graph, ReadOnlySpan<sbyte> spins)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Check(graph, spins);
        long cut = 0;
        foreach ((int i, int j, int w) in graph.Edges)
        {
            if (spins[i] != spins[j])
            {
                cut += w;
            }
        }

        return cut;
    }

    /// <summary>h_i = Σ_j w_ij s_j for every node.</summary>
    public static long[] LocalFields(MaxCutGraph graph, ReadOnlySpan<sbyte> spins)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Check(graph, spins);
        var h = new long[graph.NodeCount];
        for (int i = 0; i < h.Length; i++)
        {
            for (int k = graph.RowStart[i]; k < graph.RowStart[i + 1]; k++)
            {
                h[i] += graph.Weights[k] * spins[graph.Neighbours[k]];
            }
        }

        return h;
    }

    /// <summary>n spins, each +1 or −1 with probability ½, from <paramref name="rng"/>.</summary>
    internal static sbyte[] RandomSpins(ref SpikeCore.Random.KeyedRandom rng, int n)
    {
        var spins = new sbyte[n];
        for (int i = 0; i < n; i++)
        {
            spins[i] = rng.NextDouble() < 0.5 ? (sbyte)1 : (sbyte)-1;
        }

        return spins;
    }

    private static void Check(MaxCutGraph graph, ReadOnlySpan<sbyte> spins)
    {
        if (spins.Length != graph.NodeCount)
        {
            throw new ArgumentException($"{graph.Name}: {spins.Length} spins for {graph.NodeCount} nodes");
        }

        foreach (sbyte s in spins)
        {
            if (s is not (1 or -1))
            {
                throw new ArgumentException($"{graph.Name}: spins must be +1 or -1 (got {s})");
            }
        }
    }
}
