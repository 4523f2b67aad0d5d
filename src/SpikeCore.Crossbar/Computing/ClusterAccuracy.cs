namespace SpikeCore.Crossbar.Computing;

/// <summary>How well clusters agree with labels: the best one-to-one matching of clusters to classes.</summary>
public static class ClusterAccuracy
{
    /// <summary>The most clusters or classes <see cref="Best"/> matches (its table has 2^classes entries per cluster).</summary>
    public const int MaxClasses = 16;

    /// <summary>
    /// The fraction of samples whose cluster is matched to their label, under the matching of clusters to classes (each
    /// class to at most one cluster) that maximises it: the assignment problem on the K × C count table, solved exactly
    /// by dynamic programming over subsets of classes, best(k, S) = max(best(k − 1, S), max_{c ∈ S} best(k − 1, S∖c) + n_kc).
    /// </summary>
    public static double Best(ReadOnlySpan<int> clusters, ReadOnlySpan<int> labels, int clusterCount, int classCount)
    {
        if (clusters.Length != labels.Length || clusters.Length == 0)
        {
            throw new ArgumentException($"{clusters.Length} cluster indices for {labels.Length} labels");
        }

        if (clusterCount is < 1 or > MaxClasses || classCount is < 1 or > MaxClasses)
        {
            throw new ArgumentOutOfRangeException(nameof(clusterCount), $"matching takes 1 to {MaxClasses} clusters and classes (got {clusterCount} and {classCount})");
        }

        var counts = new int[clusterCount, classCount];
        for (int s = 0; s < clusters.Length; s++)
        {
            if ((uint)clusters[s] >= (uint)clusterCount || (uint)labels[s] >= (uint)classCount)
            {
                throw new ArgumentException($"sample {s} has cluster {clusters[s]} and label {labels[s]}: outside 0..{clusterCount - 1} and 0..{classCount - 1}");
            }

            counts[clusters[s], labels[s]]++;
        }

        int subsets = 1 << classCount;
        var best = new int[subsets];
        for (int k = 0; k < clusterCount; k++)
        {
            var next = (int[])best.Clone();
            for (int set = 1; set < subsets; set++)
            {
                for (int c = 0; c < classCount; c++)
                {
                    if ((set & (1 << c)) != 0)
                    {
                        next[set] = Math.Max(next[set], best[set & ~(1 << c)] + counts[k, c]);
                    }
                }
            }

            best = next;
        }

        return (double)best[subsets - 1] / clusters.Length;
    }
}
