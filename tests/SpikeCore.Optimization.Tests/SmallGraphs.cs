using SpikeCore.Optimization.MaxCut;

namespace SpikeCore.Optimization.Tests;

/// <summary>Small random graphs and their exact maximum cuts, the independent truth of the solver tests.</summary>
internal static class SmallGraphs
{
    /// <summary>G(n, p) with weights +1 (70%) or −1, like Gset's mixed-sign instances.</summary>
    public static MaxCutGraph Random(int n, double p, int seed)
    {
        var r = new System.Random(seed);
        var edges = new List<(int, int, int)>();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                if (r.NextDouble() < p)
                {
                    edges.Add((i, j, r.NextDouble() < 0.7 ? 1 : -1));
                }
            }
        }

        return MaxCutGraph.FromEdges($"random{seed}", n, edges);
    }

    /// <summary>Spin i of the assignment encoded by the bits of <paramref name="bits"/>.</summary>
    public static sbyte[] Spins(int n, long bits) => Enumerable.Range(0, n).Select(i => ((bits >> i) & 1) == 1 ? (sbyte)1 : (sbyte)-1).ToArray();

    /// <summary>The maximum cut by trying every assignment with spin 0 fixed.</summary>
    public static long BruteForce(MaxCutGraph g)
    {
        long best = long.MinValue;
        for (long bits = 0; bits < 1L << (g.NodeCount - 1); bits++)
        {
            sbyte[] s = Spins(g.NodeCount, bits << 1);
            best = Math.Max(best, g.Edges.Sum(e => s[e.I] != s[e.J] ? (long)e.W : 0));
        }

        return best;
    }
}
