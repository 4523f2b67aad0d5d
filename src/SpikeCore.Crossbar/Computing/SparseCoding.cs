using System.Numerics.Tensors;

namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// Sparse coding of a signal x ∈ R^m over a dictionary D (m × K, unit-norm atoms as columns, row-major): the LASSO
/// problem min_a E(a) = ½‖x − D a‖² + λ‖a‖₁ (with a ≥ 0 for the non-negative form the spiking solver reaches), its
/// reference solver FISTA (Beck and Teboulle 2009), and the locally competitive algorithm in float (Rozell et al. 2008).
/// </summary>
public static class SparseCoding
{
    /// <summary>E(a) = ½‖x − D a‖² + λ‖a‖₁.</summary>
    public static double Objective(ReadOnlySpan<double> d, ReadOnlySpan<double> x, ReadOnlySpan<double> a, double lambda)
    {
        double[] residual = Residual(d, x, a);
        return (0.5 * TensorPrimitives.Dot<double>(residual, residual)) + (lambda * TensorPrimitives.SumOfMagnitudes(a));
    }

    /// <summary>x − D a.</summary>
    public static double[] Residual(ReadOnlySpan<double> d, ReadOnlySpan<double> x, ReadOnlySpan<double> a)
    {
        var r = new double[x.Length];
        Reconstruct(d, a, r);
        TensorPrimitives.Subtract(x, r, r);
        return r;
    }

    /// <summary>x̂ = D a into <paramref name="estimate"/> (m values).</summary>
    public static void Reconstruct(ReadOnlySpan<double> d, ReadOnlySpan<double> a, Span<double> estimate)
    {
        int k = a.Length;
        for (int i = 0; i < estimate.Length; i++)
        {
            estimate[i] = TensorPrimitives.Dot(d.Slice(i * k, k), a);
        }
    }

    /// <summary>Dᵀ v into <paramref name="result"/> (K values).</summary>
    public static void Correlate(ReadOnlySpan<double> d, ReadOnlySpan<double> v, Span<double> result)
    {
        int k = result.Length;
        result.Clear();
        for (int i = 0; i < v.Length; i++)
        {
            TensorPrimitives.MultiplyAdd(d.Slice(i * k, k), v[i], result, result);
        }
    }

    /// <summary>The soft threshold T_λ(u) = sign(u) max(|u| − λ, 0), or max(u − λ, 0) when non-negative.</summary>
    public static double Threshold(double u, double lambda, bool nonNegative) =>
        nonNegative ? Math.Max(u - lambda, 0) : Math.Sign(u) * Math.Max(Math.Abs(u) - lambda, 0);

    /// <summary>L = ‖D‖₂², the Lipschitz constant of the gradient Dᵀ(D a − x): the largest singular value of D, squared.</summary>
    public static double Lipschitz(ReadOnlySpan<double> d, int m, int k)
    {
        double[] values = d.ToArray();
        double norm = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m, k, (i, j) => values[(i * k) + j]).L2Norm();
        return norm > 0 ? norm * norm : 1;
    }

    /// <summary>
    /// FISTA from a = 0 for <paramref name="iterations"/> steps of 1/L: a ← T_(λ/L)(y − Dᵀ(D y − x)/L), y ← a + ((t − 1)/t′)(a − a_prev).
    /// </summary>
    public static double[] Fista(ReadOnlySpan<double> d, ReadOnlySpan<double> x, int k, double lambda, bool nonNegative, int iterations, double lipschitz)
    {
        var a = new double[k];
        var previous = new double[k];
        var y = new double[k];
        var gradient = new double[k];
        var residual = new double[x.Length];
        double t = 1;
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            Reconstruct(d, y, residual);
            TensorPrimitives.Subtract(x, residual, residual);
            Correlate(d, residual, gradient); // −∇ = Dᵀ(x − D y)
            a.CopyTo(previous, 0);
            for (int j = 0; j < k; j++)
            {
                a[j] = Threshold(y[j] + (gradient[j] / lipschitz), lambda / lipschitz, nonNegative);
            }

            double next = (1 + Math.Sqrt(1 + (4 * t * t))) / 2;
            for (int j = 0; j < k; j++)
            {
                y[j] = a[j] + ((t - 1) / next * (a[j] - previous[j]));
            }

            t = next;
        }

        return a;
    }

    /// <summary>
    /// The locally competitive algorithm in the review's form, τ du/dt = −u + Dᵀ(x − D a) + a, a = T_λ(u), by Euler
    /// steps of Δt/τ = <paramref name="step"/> from u = 0; <paramref name="reconstruct"/> computes D a and
    /// <paramref name="correlate"/> Dᵀ r (in float, or as array reads). Returns a.
    /// </summary>
    public static double[] Lca(ReadOnlySpan<double> x, int k, double lambda, bool nonNegative, int iterations, double step, Action<double[], double[]> reconstruct, Action<double[], double[]> correlate)
    {
        ArgumentNullException.ThrowIfNull(reconstruct);
        ArgumentNullException.ThrowIfNull(correlate);
        int m = x.Length;
        var u = new double[k];
        var a = new double[k];
        var estimate = new double[m];
        var residual = new double[m];
        var drive = new double[k];
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            reconstruct(a, estimate);
            TensorPrimitives.Subtract(x, estimate, residual);
            correlate(residual, drive);
            for (int j = 0; j < k; j++)
            {
                u[j] += step * (-u[j] + drive[j] + a[j]);
            }

            for (int j = 0; j < k; j++)
            {
                a[j] = Threshold(u[j], lambda, nonNegative);
            }
        }

        return a;
    }
}
