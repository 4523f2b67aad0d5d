using System.Numerics.Tensors;
using SpikeCore.Random;

namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// Learns a dictionary of unit-norm atoms for sparse coding (Olshausen and Field 1996, in minibatches): each batch is
/// coded by FISTA on the current dictionary, then D ← D + η (X − D A) Aᵀ / B and every atom is renormalised.
/// </summary>
public static class DictionaryLearning
{
    /// <summary>
    /// K atoms for signals of m values (<paramref name="signals"/> row-major, n × m), starting from K signals drawn by the
    /// seed; <paramref name="batches"/> batches of <paramref name="batchSize"/>. Returns D (m × K, row-major).
    /// </summary>
    public static double[] Learn(ReadOnlySpan<double> signals, int m, int k, double lambda, int batches, int batchSize, double learningRate, ulong seed, IProgress<double>? progress = null)
    {
        int n = signals.Length / m;
        if (n < 1 || k < 1 || batches < 0 || batchSize < 1)
        {
            throw new ArgumentException($"need signals, atoms and batches (got {n}, {k}, {batches} x {batchSize})");
        }

        var rng = KeyedRandom.Create(seed, StreamPurpose.SparseCoding, 1);
        var d = new double[m * k];
        for (int j = 0; j < k; j++)
        {
            ReadOnlySpan<double> s = signals.Slice(rng.NextInt(n) * m, m);
            for (int i = 0; i < m; i++)
            {
                d[(i * k) + j] = s[i] + (1e-3 * rng.NextNormal());
            }
        }

        Normalise(d, m, k);
        var step = new double[m * k];
        for (int batch = 0; batch < batches; batch++)
        {
            double lipschitz = SparseCoding.Lipschitz(d, m, k);
            Array.Clear(step);
            for (int b = 0; b < batchSize; b++)
            {
                ReadOnlySpan<double> x = signals.Slice(rng.NextInt(n) * m, m);
                double[] a = SparseCoding.Fista(d, x, k, lambda, nonNegative: false, 50, lipschitz);
                double[] r = SparseCoding.Residual(d, x, a);
                for (int i = 0; i < m; i++)
                {
                    TensorPrimitives.MultiplyAdd(a, r[i], step.AsSpan(i * k, k), step.AsSpan(i * k, k));
                }
            }

            TensorPrimitives.MultiplyAdd(step, learningRate / batchSize, d, d);
            Normalise(d, m, k);
            progress?.Report((batch + 1.0) / batches);
        }

        return d;
    }

    /// <summary>Scales every atom (column) to unit norm.</summary>
    public static void Normalise(Span<double> d, int m, int k)
    {
        for (int j = 0; j < k; j++)
        {
            double norm = 0;
            for (int i = 0; i < m; i++)
            {
                norm += d[(i * k) + j] * d[(i * k) + j];
            }

            norm = Math.Sqrt(norm);
            for (int i = 0; i < m && norm > 0; i++)
            {
                d[(i * k) + j] /= norm;
            }
        }
    }
}
