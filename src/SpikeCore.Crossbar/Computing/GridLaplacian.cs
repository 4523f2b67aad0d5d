using MathNet.Numerics.LinearAlgebra.Double;

namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// The five-point Laplacian of an N × N grid of interior points of the unit square (h = 1/(N + 1), zero Dirichlet
/// boundary), scaled by h² so that its coefficients are integers: (A u)_ij = 4u_ij − u_(i±1)j − u_i(j±1), natural
/// (row by row) ordering. A is symmetric positive definite with eigenvectors v_pq(i, j) = sin(pπih) sin(qπjh) and
/// eigenvalues λ_pq = 4 sin²(pπh/2) + 4 sin²(qπh/2).
/// </summary>
public static class GridLaplacian
{
    /// <summary>The largest grid side: N² unknowns, five coefficients each.</summary>
    public const int MaxSide = 2048;

    /// <summary>A for an <paramref name="side"/> × <paramref name="side"/> grid.</summary>
    public static SparseMatrix Matrix(int side)
    {
        if (side is < 2 or > MaxSide)
        {
            throw new ArgumentOutOfRangeException(nameof(side), $"the grid side must be 2 to {MaxSide} points (got {side})");
        }

        int n = side * side;
        var entries = new List<Tuple<int, int, double>>(5 * n);
        for (int i = 0; i < side; i++)
        {
            for (int j = 0; j < side; j++)
            {
                int k = (i * side) + j;
                entries.Add(Tuple.Create(k, k, 4.0));
                if (i > 0)
                {
                    entries.Add(Tuple.Create(k, k - side, -1.0));
                }

                if (i < side - 1)
                {
                    entries.Add(Tuple.Create(k, k + side, -1.0));
                }

                if (j > 0)
                {
                    entries.Add(Tuple.Create(k, k - 1, -1.0));
                }

                if (j < side - 1)
                {
                    entries.Add(Tuple.Create(k, k + 1, -1.0));
                }
            }
        }

        return SparseMatrix.OfIndexed(n, n, entries);
    }

    /// <summary>f(x, y) at the grid's interior points (x = (i + 1)h down the rows, y = (j + 1)h along them; natural ordering).</summary>
    public static double[] Sample(int side, Func<double, double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        double h = 1.0 / (side + 1);
        var v = new double[side * side];
        for (int i = 0; i < side; i++)
        {
            for (int j = 0; j < side; j++)
            {
                v[(i * side) + j] = f((i + 1) * h, (j + 1) * h);
            }
        }

        return v;
    }

    /// <summary>The eigenvector v_pq on the grid (natural ordering).</summary>
    public static double[] Mode(int side, int p, int q) => Sample(side, (x, y) => Math.Sin(p * Math.PI * x) * Math.Sin(q * Math.PI * y));

    /// <summary>λ_pq = 4 sin²(pπh/2) + 4 sin²(qπh/2).</summary>
    public static double Eigenvalue(int side, int p, int q)
    {
        double h = 1.0 / (side + 1);
        return (4 * Math.Pow(Math.Sin(p * Math.PI * h / 2), 2)) + (4 * Math.Pow(Math.Sin(q * Math.PI * h / 2), 2));
    }
}
