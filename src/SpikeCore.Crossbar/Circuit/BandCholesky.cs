using System.Numerics.Tensors;

namespace SpikeCore.Crossbar.Circuit;

/// <summary>
/// The Cholesky factor L (A = L Lᵀ) of a symmetric positive definite band matrix, kept for repeated solves.
/// </summary>
/// <remarks>
/// Storage: row k of L holds its entries L[k, k − b .. k] contiguously (b the half-bandwidth), so the factorisation
/// (left-looking, row by row: L[k, j] = (A[k, j] − Σ_p L[k, p] L[j, p]) / L[j, j]) and the forward substitution are dot
/// products of contiguous spans, and the backward substitution is an axpy over them, all SIMD through
/// <see cref="TensorPrimitives"/>. Cost: n b²/2 multiply-adds to factor, 2 n b per solve; memory n (b + 1) doubles.
/// Fill-in never leaves the band (Golub and Van Loan, Matrix Computations, 4th ed., §4.3.5).
/// </remarks>
internal sealed class BandCholesky
{
    private readonly double[] _l;
    private readonly int _n, _b, _stride;

    /// <summary>Starts an n × n matrix of half-bandwidth <paramref name="halfBandwidth"/>, all zero; fill it with <see cref="Add"/>, then <see cref="Factor"/>.</summary>
    public BandCholesky(int n, int halfBandwidth)
    {
        _n = n;
        _b = halfBandwidth;
        _stride = halfBandwidth + 1;
        long size = (long)n * _stride;
        _l = new double[size <= Array.MaxLength ? size : throw new ArgumentOutOfRangeException(nameof(n), $"a band matrix of {n} rows and half-bandwidth {halfBandwidth} needs {size} doubles, more than one array holds ({Array.MaxLength})")];
    }

    /// <summary>Adds <paramref name="value"/> to A[i, j] (and, by symmetry, A[j, i]); |i − j| must be at most b.</summary>
    public void Add(int i, int j, double value)
    {
        if (i < j)
        {
            (i, j) = (j, i);
        }

        _l[(i * _stride) + _b - (i - j)] += value;
    }

    /// <summary>Replaces A by its factor L in place; throws when A is not positive definite.</summary>
    public void Factor()
    {
        Span<double> l = _l;
        for (int k = 0; k < _n; k++)
        {
            int first = Math.Max(0, k - _b);
            Span<double> rowK = l.Slice((k * _stride) + _b - (k - first), k - first + 1); // L[k, first..k]
            for (int j = first; j < k; j++)
            {
                // Σ over p in [first, j) of L[k, p] L[j, p]; row j starts at column max(0, j − b) ≤ first.
                int jFirst = Math.Max(0, j - _b);
                ReadOnlySpan<double> rowJ = l.Slice((j * _stride) + _b - (j - jFirst), j - jFirst + 1);
                double dot = TensorPrimitives.Dot(rowK[..(j - first)], rowJ.Slice(first - jFirst, j - first));
                rowK[j - first] = (rowK[j - first] - dot) / rowJ[^1];
            }

            double pivot = rowK[^1] - TensorPrimitives.Dot(rowK[..^1], rowK[..^1]);
            if (!(pivot > 0))
            {
                throw new InvalidOperationException($"the nodal matrix is not positive definite at unknown {k} (pivot {pivot})");
            }

            rowK[^1] = Math.Sqrt(pivot);
        }
    }

    /// <summary>Solves A x = <paramref name="rhs"/> in place (after <see cref="Factor"/>).</summary>
    public void Solve(Span<double> rhs)
    {
        ReadOnlySpan<double> l = _l;
        for (int k = 0; k < _n; k++)
        {
            int first = Math.Max(0, k - _b);
            ReadOnlySpan<double> rowK = l.Slice((k * _stride) + _b - (k - first), k - first + 1);
            rhs[k] = (rhs[k] - TensorPrimitives.Dot(rowK[..^1], rhs[first..k])) / rowK[^1];
        }

        for (int k = _n - 1; k >= 0; k--)
        {
            int first = Math.Max(0, k - _b);
            ReadOnlySpan<double> rowK = l.Slice((k * _stride) + _b - (k - first), k - first + 1);
            double x = rhs[k] / rowK[^1];
            rhs[k] = x;
            Span<double> before = rhs[first..k];
            TensorPrimitives.MultiplyAdd(rowK[..^1], -x, before, before);
        }
    }
}
