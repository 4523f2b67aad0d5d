using MathNet.Numerics.LinearAlgebra.Double;
using SpikeCore.Crossbar.Arrays;

namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// Solves A x = b for symmetric positive definite A held in arrays (<see cref="BlockArrayMatrix"/>) to high precision
/// with low-precision devices: mixed-precision iterative refinement. Each outer step reads the residual r = b − A x
/// from the arrays with many input bit planes (a product as exact as the devices allow), then solves A d = r roughly by
/// conjugate gradients whose products are reads of few planes, and adds d to x; vector arithmetic is digital (float64).
/// </summary>
/// <remarks>
/// Refinement converges while the inner solve reduces the residual by a fixed factor, so that the attainable accuracy is
/// set by the residual's products alone (Moler 1967; Higham, Accuracy and Stability of Numerical Algorithms, ch. 12),
/// the role Zidan et al. (2018) give their digital outer loop around the memristor solver.
/// </remarks>
/// <param name="Tolerance">Stop when the residual the arrays read, ‖r‖/‖b‖, is at most this.</param>
/// <param name="ResidualBits">Input bit planes of a residual's product.</param>
/// <param name="InnerBits">Input bit planes of an inner product.</param>
/// <param name="InnerReduction">An inner solve stops when its own residual is this fraction of r.</param>
/// <param name="MaxInner">The most inner iterations per outer step.</param>
/// <param name="MaxOuter">The most outer steps.</param>
public sealed record RefinedSolver(double Tolerance = 1e-8, int ResidualBits = 48, int InnerBits = 8, double InnerReduction = 0.05, int MaxInner = 500, int MaxOuter = 40)
{
    /// <summary>Solves A x = b on <paramref name="arrays"/>; <paramref name="exact"/> (A in float) scores the result.</summary>
    public SolveResult Solve(BlockArrayMatrix arrays, SparseMatrix exact, double[] b)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentNullException.ThrowIfNull(b);
        int n = b.Length;
        var x = new double[n];
        double[] r = (double[])b.Clone();
        double bNorm = Norm(b);
        var history = new List<double>();
        int inner = 0;
        double energyBefore = arrays.Energy.TotalJ;
        long readsBefore = arrays.Reads;
        var d = new double[n];
        var y = new double[n];
        for (int outer = 0; ; outer++)
        {
            double relative = Norm(r) / bNorm;
            history.Add(relative);
            // Stop when converged, out of steps, or diverging (products too wrong for refinement to contract: devices too coarse for their digits).
            if (relative <= Tolerance || outer == MaxOuter || !(relative <= 10 * history[0]))
            {
                break;
            }

            inner += Cg(v => arrays.Multiply(v, y, InnerBits), y, r, d, InnerReduction, MaxInner);
            for (int k = 0; k < n; k++)
            {
                x[k] += d[k];
            }

            arrays.Multiply(x, y, ResidualBits);
            for (int k = 0; k < n; k++)
            {
                r[k] = b[k] - y[k];
            }
        }

        return new SolveResult(x, TrueResidual(exact, x, b), history, history.Count - 1, inner, arrays.Reads - readsBefore, arrays.Energy.TotalJ - energyBefore);
    }

    /// <summary>Conjugate gradients in float64 from zero to ‖r‖/‖b‖ ≤ <paramref name="tolerance"/>: the reference solver.</summary>
    public static SolveResult Reference(SparseMatrix a, double[] b, double tolerance, int maxIterations = 100_000)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = new double[b.Length];
        var y = new double[b.Length];
        int iterations = Cg(v => a.Multiply(new DenseVector(v), new DenseVector(y)), y, b, x, tolerance, maxIterations);
        double residual = TrueResidual(a, x, b);
        return new SolveResult(x, residual, [residual], 1, iterations, 0, 0);
    }

    /// <summary>‖b − A x‖ / ‖b‖ in float64.</summary>
    public static double TrueResidual(SparseMatrix a, double[] x, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return (DenseVector.OfArray(b) - a.Multiply(DenseVector.OfArray(x))).L2Norm() / Norm(b);
    }

    /// <summary>
    /// Conjugate gradients for A x = r from x = 0 until ‖r − A x‖ ≤ <paramref name="reduction"/> ‖r‖ by the recurrence;
    /// <paramref name="product"/> writes A v into <paramref name="av"/>. Returns the iterations.
    /// </summary>
    private static int Cg(Action<double[]> product, double[] av, ReadOnlySpan<double> r, double[] x, double reduction, int maxIterations)
    {
        int n = r.Length;
        Array.Clear(x);
        double[] residual = r.ToArray(), p = r.ToArray();
        double rho = Dot(residual, residual), stop = reduction * reduction * rho;
        int k = 0;
        while (k < maxIterations && rho > stop)
        {
            product(p);
            double pAp = Dot(p, av);
            if (!(pAp > 0))
            {
                break;
            }

            double alpha = rho / pAp;
            for (int i = 0; i < n; i++)
            {
                x[i] += alpha * p[i];
                residual[i] -= alpha * av[i];
            }

            double next = Dot(residual, residual);
            for (int i = 0; i < n; i++)
            {
                p[i] = residual[i] + (next / rho * p[i]);
            }

            rho = next;
            k++;
        }

        return k;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    private static double Norm(ReadOnlySpan<double> a) => System.Numerics.Tensors.TensorPrimitives.Norm(a);
}
