using MathNet.Numerics.LinearAlgebra;
using SpikeCore.Random;

namespace SpikeCore.Crossbar.Computing;

/// <summary>The systems the one-step solver is shown on: a random diagonally dominant one, and PageRank's.</summary>
public static class LinearSystems
{
    /// <summary>
    /// A = R + D with R_ij uniform in [−1, 1] and D_ii = Σ_j |R_ij| + 1, so that A is strictly diagonally dominant with a
    /// positive diagonal and every eigenvalue lies in the right half-plane (Gershgorin); b uniform in [−1, 1].
    /// </summary>
    public static (Matrix<double> A, Vector<double> B) DiagonallyDominant(int n, ulong seed)
    {
        var rng = KeyedRandom.Create(seed, StreamPurpose.LinearSystems, 2);
        Matrix<double> a = Matrix<double>.Build.Dense(n, n, (_, _) => (2 * rng.NextDouble()) - 1);
        for (int i = 0; i < n; i++)
        {
            a[i, i] = a.Row(i).L1Norm() - Math.Abs(a[i, i]) + 1;
        }

        return (a, Vector<double>.Build.Dense(n, _ => (2 * rng.NextDouble()) - 1));
    }

    /// <summary>
    /// PageRank on a random directed graph of <paramref name="n"/> pages, each linking to <paramref name="links"/> others:
    /// the rank vector is the principal eigenvector of the Google matrix, r = (1 − d)/n 1 + d M r (M column-stochastic),
    /// that is the linear system (I − d M) r = (1 − d)/n 1, whose matrix has a positive diagonal and eigenvalues with real
    /// parts at least 1 − d.
    /// </summary>
    public static (Matrix<double> A, Vector<double> B) PageRank(int n, int links, double damping, ulong seed)
    {
        if (n < 2 || links < 1 || links >= n || !(damping > 0 && damping < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"PageRank needs at least 2 pages, 1 to n − 1 links each and a damping in (0, 1) (got {n}, {links}, {damping})");
        }

        var rng = KeyedRandom.Create(seed, StreamPurpose.LinearSystems, 3);
        Matrix<double> m = Matrix<double>.Build.Dense(n, n);
        for (int page = 0; page < n; page++)
        {
            var targets = new HashSet<int>();
            while (targets.Count < links)
            {
                int t = rng.NextInt(n);
                if (t != page)
                {
                    targets.Add(t);
                }
            }

            foreach (int t in targets)
            {
                m[t, page] = 1.0 / links;
            }
        }

        return (Matrix<double>.Build.DenseIdentity(n) - (damping * m), Vector<double>.Build.Dense(n, (1 - damping) / n));
    }
}
