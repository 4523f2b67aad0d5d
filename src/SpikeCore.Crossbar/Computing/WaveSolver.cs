using MathNet.Numerics.LinearAlgebra.Double;

namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// The 2-D wave equation u_tt = c² Δu on the unit square (zero boundary), stepped by leapfrog with the grid Laplacian
/// A of <see cref="GridLaplacian"/>: u^(n+1) = 2u^n − u^(n−1) − μ A u^n, μ = (cΔt/h)² (stable for μ ≤ 1/2), each
/// step's product A u^n read from arrays (<see cref="BlockArrayMatrix"/>) or computed in float64.
/// </summary>
/// <remarks>
/// Started from a sum of eigenmodes u⁰ = Σ a_pq v_pq with u¹ = Σ a_pq cos θ_pq v_pq, the discrete solution is exact in
/// closed form, u^n = Σ a_pq cos(n θ_pq) v_pq with cos θ_pq = 1 − μ λ_pq / 2: the truth both solvers are scored against.
/// </remarks>
public static class WaveSolver
{
    /// <summary>The modes (p, q, a_pq) of the initial displacement.</summary>
    public static IReadOnlyList<(int P, int Q, double Amplitude)> Modes { get; } = [(1, 1, 1.0), (2, 3, 0.5)];

    /// <summary>
    /// Steps <paramref name="steps"/> times on a grid of <paramref name="side"/>²; products from <paramref name="arrays"/>
    /// with <paramref name="inputBits"/> input bit planes, or exact when it is null.
    /// </summary>
    public static WaveResult Run(BlockArrayMatrix? arrays, SparseMatrix a, int side, double mu, int steps, int inputBits = 48)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (!(mu > 0 && mu <= 0.5) || steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(mu), $"leapfrog needs 0 < μ ≤ 1/2 and at least one step (got {mu}, {steps})");
        }

        int n = side * side;
        double[] previous = Exact(side, mu, 0), current = Exact(side, mu, 1);
        double scale = Norm(previous), worstProduct = 0;
        var errors = new List<double>();
        var product = new double[n];
        var exactProduct = new double[n];
        long readsBefore = arrays?.Reads ?? 0;
        double energyBefore = arrays?.Energy.TotalJ ?? 0;
        for (int step = 1; step < steps; step++)
        {
            a.Multiply(new DenseVector(current), new DenseVector(exactProduct));
            if (arrays is null)
            {
                exactProduct.CopyTo(product, 0);
            }
            else
            {
                arrays.Multiply(current, product, inputBits);
                worstProduct = Math.Max(worstProduct, Distance(product, exactProduct) / Norm(exactProduct));
            }

            for (int k = 0; k < n; k++)
            {
                (previous[k], current[k]) = (current[k], (2 * current[k]) - previous[k] - (mu * product[k]));
            }

            errors.Add(Distance(current, Exact(side, mu, step + 1)) / scale);
        }

        return new WaveResult(current, errors, worstProduct, steps, (arrays?.Reads ?? 0) - readsBefore, (arrays?.Energy.TotalJ ?? 0) - energyBefore);
    }

    /// <summary>The closed-form discrete solution after <paramref name="step"/> steps.</summary>
    public static double[] Exact(int side, double mu, int step)
    {
        var u = new double[side * side];
        foreach ((int p, int q, double amplitude) in Modes)
        {
            double theta = Math.Acos(1 - (mu * GridLaplacian.Eigenvalue(side, p, q) / 2));
            double[] v = GridLaplacian.Mode(side, p, q);
            for (int k = 0; k < u.Length; k++)
            {
                u[k] += amplitude * Math.Cos(step * theta) * v[k];
            }
        }

        return u;
    }

    private static double Norm(ReadOnlySpan<double> a) => System.Numerics.Tensors.TensorPrimitives.Norm(a);

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => System.Numerics.Tensors.TensorPrimitives.Distance(a, b);
}
