using SpikeCore.Random;

namespace SpikeCore.Optimization.Hopfield;

/// <summary>
/// A Hopfield associative memory (Hopfield 1982): patterns ξ^μ ∈ {±1}^N stored by the Hebbian rule
/// <code>
/// W_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ   (i ≠ j),   W_ii = 0
/// </code>
/// and recalled by asynchronous updates s_i ← sgn(h_i), h_i = Σ_j W_ij s_j (s_i kept when h_i = 0), in a random
/// order each sweep, until a sweep changes nothing. Each update never raises the energy E = −½ Σ_ij W_ij s_i s_j, so
/// recall ends in a fixed point; with P ≪ N it is the stored pattern nearest the probe. Up to P ≈ 0.138 N random
/// patterns are retrieved (Amit, Gutfreund and Sompolinsky 1985), beyond which the memory fails abruptly.
/// </summary>
public sealed class AssociativeMemory
{
    private readonly double[] _weights; // N×N, row-major

    private AssociativeMemory(int neurons, double[] weights, int patterns)
    {
        Neurons = neurons;
        _weights = weights;
        Patterns = patterns;
    }

    /// <summary>N.</summary>
    public int Neurons { get; }

    /// <summary>P, the number of stored patterns.</summary>
    public int Patterns { get; }

    /// <summary>W_ij.</summary>
    public double Weight(int i, int j) => _weights[(i * Neurons) + j];

    /// <summary>Stores <paramref name="patterns"/> (each N values of ±1) by the Hebbian rule.</summary>
    public static AssociativeMemory Store(IReadOnlyList<sbyte[]> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Count == 0 || patterns[0].Length < 2)
        {
            throw new ArgumentException("Hopfield memory: need at least one pattern of at least 2 neurons");
        }

        int n = patterns[0].Length;
        for (int mu = 0; mu < patterns.Count; mu++)
        {
            CheckState(patterns[mu], n, $"pattern {mu}");
        }

        var w = new double[n * n];
        foreach (sbyte[] xi in patterns)
        {
            for (int i = 0; i < n; i++)
            {
                double scaled = xi[i] / (double)n;
                for (int j = 0; j < n; j++)
                {
                    w[(i * n) + j] += scaled * xi[j];
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            w[(i * n) + i] = 0;
        }

        return new AssociativeMemory(n, w, patterns.Count);
    }

    /// <summary>The weights, row-major (a copy).</summary>
    public double[] Weights() => (double[])_weights.Clone();

    /// <summary>
    /// Recalls from <paramref name="probe"/>: asynchronous sweeps in an order keyed by <paramref name="seed"/>, at most
    /// <paramref name="maxSweeps"/>. With <paramref name="fields"/> the local fields come from it (couplings held elsewhere,
    /// arrays for instance), read again after every flip; otherwise from W, updated by the flipped neuron's column.
    /// </summary>
    public RecallResult Recall(ReadOnlySpan<sbyte> probe, ulong seed, int maxSweeps = 100, FieldReader? fields = null)
    {
        CheckState(probe, Neurons, "probe");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSweeps, 1);
        int n = Neurons;
        sbyte[] s = probe.ToArray();
        var h = new double[n];
        if (fields is not null)
        {
            fields(s, h);
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    h[i] += _weights[(i * n) + j] * s[j];
                }
            }
        }

        var rng = KeyedRandom.Create(seed, StreamPurpose.HopfieldPatterns, 0);
        int[] order = [.. Enumerable.Range(0, n)];
        for (int sweep = 1; sweep <= maxSweeps; sweep++)
        {
            for (int k = n - 1; k > 0; k--)
            {
                int j = rng.NextInt(k + 1);
                (order[k], order[j]) = (order[j], order[k]);
            }

            int flips = 0;
            foreach (int i in order)
            {
                if (s[i] * h[i] >= 0)
                {
                    continue;
                }

                s[i] = (sbyte)-s[i];
                flips++;
                if (fields is not null)
                {
                    fields(s, h);
                    continue;
                }

                double change = 2.0 * s[i];
                for (int j = 0; j < n; j++)
                {
                    h[j] += change * _weights[(j * n) + i]; // W is symmetric: column i is row i
                }
            }

            if (flips == 0)
            {
                return new RecallResult(s, sweep, true);
            }
        }

        return new RecallResult(s, maxSweeps, false);
    }

    /// <summary>m = (1/N) Σ_i a_i b_i: 1 for identical states, −1 for opposite ones, about 0 for unrelated ones.</summary>
    public static double Overlap(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            throw new ArgumentException($"overlap: states of {a.Length} and {b.Length} neurons");
        }

        long sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum / (double)a.Length;
    }

    private static void CheckState(ReadOnlySpan<sbyte> state, int n, string what)
    {
        if (state.Length != n)
        {
            throw new ArgumentException($"Hopfield memory: {what} has {state.Length} values for {n} neurons");
        }

        foreach (sbyte v in state)
        {
            if (v is not (1 or -1))
            {
                throw new ArgumentException($"Hopfield memory: {what} holds {v}; states are +1 or -1");
            }
        }
    }
}
