using SpikeCore.Random;

namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// K-means in floating point, the reference of <see cref="ArrayKMeans"/>: Lloyd's batch algorithm and the online
/// (sequential, MacQueen) rule c_w ← c_w + η (x − c_w) that the array runs, on samples stored row-major (n × d).
/// </summary>
public static class KMeans
{
    /// <summary>
    /// k-means++ starts (Arthur and Vassilvitskii 2007) drawn by the seed for restart <paramref name="restart"/>: the first
    /// centroid a uniformly drawn sample, each next one a sample drawn with probability ∝ its squared distance to the
    /// nearest centroid so far; every solver of that restart starts from them (K × d, row-major).
    /// </summary>
    public static double[] Starts(ReadOnlySpan<double> samples, int dimensions, int clusters, ulong seed, int restart)
    {
        int n = samples.Length / dimensions;
        if (clusters < 1 || clusters > n)
        {
            throw new ArgumentOutOfRangeException(nameof(clusters), $"need 1 to {n} clusters for {n} samples (got {clusters})");
        }

        var rng = KeyedRandom.Create(seed, StreamPurpose.KMeansStarts, (ulong)restart);
        var starts = new double[clusters * dimensions];
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        int chosen = rng.NextInt(n);
        for (int k = 0; ; k++)
        {
            ReadOnlySpan<double> c = samples.Slice(chosen * dimensions, dimensions);
            c.CopyTo(starts.AsSpan(k * dimensions));
            if (k == clusters - 1)
            {
                return starts;
            }

            double total = 0;
            for (int s = 0; s < n; s++)
            {
                double distance = 0;
                for (int i = 0; i < dimensions; i++)
                {
                    double e = samples[(s * dimensions) + i] - c[i];
                    distance += e * e;
                }

                nearest[s] = Math.Min(nearest[s], distance);
                total += nearest[s];
            }

            // All samples on the centroids so far (duplicates): any sample will do.
            double target = rng.NextDouble() * total;
            chosen = total > 0 ? n - 1 : rng.NextInt(n);
            for (int s = 0; s < n && total > 0; s++)
            {
                target -= nearest[s];
                if (target < 0 && nearest[s] > 0)
                {
                    chosen = s;
                    break;
                }
            }
        }
    }

    /// <summary>The index of the centroid nearest to <paramref name="x"/> (the first of equals).</summary>
    public static int Nearest(ReadOnlySpan<double> x, ReadOnlySpan<double> centroids)
    {
        int best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int k = 0; k < centroids.Length / x.Length; k++)
        {
            double distance = 0;
            ReadOnlySpan<double> c = centroids.Slice(k * x.Length, x.Length);
            for (int i = 0; i < x.Length; i++)
            {
                distance += (x[i] - c[i]) * (x[i] - c[i]);
            }

            if (distance < bestDistance)
            {
                (best, bestDistance) = (k, distance);
            }
        }

        return best;
    }

    /// <summary>Every sample's nearest centroid.</summary>
    public static int[] Assign(ReadOnlySpan<double> samples, int dimensions, ReadOnlySpan<double> centroids)
    {
        var clusters = new int[samples.Length / dimensions];
        for (int s = 0; s < clusters.Length; s++)
        {
            clusters[s] = Nearest(samples.Slice(s * dimensions, dimensions), centroids);
        }

        return clusters;
    }

    /// <summary>The within-cluster sum of squares Σ_x min_k |x − c_k|².</summary>
    public static double Inertia(ReadOnlySpan<double> samples, int dimensions, ReadOnlySpan<double> centroids)
    {
        double sum = 0;
        for (int s = 0; s < samples.Length / dimensions; s++)
        {
            ReadOnlySpan<double> x = samples.Slice(s * dimensions, dimensions);
            double distance = System.Numerics.Tensors.TensorPrimitives.Distance(x, centroids.Slice(Nearest(x, centroids) * dimensions, dimensions));
            sum += distance * distance;
        }

        return sum;
    }

    /// <summary>
    /// Lloyd's algorithm from <paramref name="centroids"/> (updated in place): assign every sample to its nearest centroid,
    /// move each centroid to the mean of its samples (an empty cluster keeps its centroid), until no assignment changes.
    /// Returns the final assignment.
    /// </summary>
    public static int[] Lloyd(ReadOnlySpan<double> samples, int dimensions, Span<double> centroids, int maxIterations = 1000)
    {
        int clusterCount = centroids.Length / dimensions;
        int[] clusters = Assign(samples, dimensions, centroids);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            var sums = new double[centroids.Length];
            var counts = new int[clusterCount];
            for (int s = 0; s < clusters.Length; s++)
            {
                counts[clusters[s]]++;
                for (int i = 0; i < dimensions; i++)
                {
                    sums[(clusters[s] * dimensions) + i] += samples[(s * dimensions) + i];
                }
            }

            for (int k = 0; k < clusterCount; k++)
            {
                for (int i = 0; i < dimensions && counts[k] > 0; i++)
                {
                    centroids[(k * dimensions) + i] = sums[(k * dimensions) + i] / counts[k];
                }
            }

            int[] next = Assign(samples, dimensions, centroids);
            bool changed = !next.AsSpan().SequenceEqual(clusters);
            clusters = next;
            if (!changed)
            {
                break;
            }
        }

        return clusters;
    }

    /// <summary>
    /// The online rule on an ideal memory: for each sample in a seeded shuffled order, the nearest centroid w moves by
    /// η_e (x − c_w), η_e = η₀ γ^e in epoch e. <paramref name="centroids"/> is updated in place.
    /// </summary>
    public static void Online(ReadOnlySpan<double> samples, int dimensions, Span<double> centroids, OnlineSchedule schedule, ulong seed, int restart)
    {
        foreach ((int sample, double rate) in schedule.Steps(samples.Length / dimensions, seed, restart))
        {
            ReadOnlySpan<double> x = samples.Slice(sample * dimensions, dimensions);
            Span<double> c = centroids.Slice(Nearest(x, centroids) * dimensions, dimensions);
            for (int i = 0; i < dimensions; i++)
            {
                c[i] += rate * (x[i] - c[i]);
            }
        }
    }
}
