using MathNet.Numerics.LinearAlgebra;
using SpikeCore.Reservoir.Readout;

namespace SpikeCore.Reservoir.Tests.Readout;

public class RecursiveLeastSquaresTests
{
    [Fact]
    public void Without_forgetting_it_equals_ridge_on_every_weight_and_the_bias()
    {
        var r = new System.Random(8);
        const int n = 300, d = 6;
        const double delta = 0.5;
        double[][] x = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, d).Select(_ => r.NextDouble() * 4).ToArray()).ToArray();
        double[] y = x.Select(row => row.Select((v, j) => v * (j - 2.5)).Sum() + 3 + r.NextDouble()).ToArray();
        var rls = new RecursiveLeastSquares(d, delta);
        for (int i = 0; i < n; i++)
        {
            rls.Update(x[i], y[i]);
        }

        // Direct solve of (X̃ᵀX̃ + δI) w = X̃ᵀy with X̃ = [X, 1].
        Matrix<double> a = Matrix<double>.Build.Dense(n, d + 1, (i, j) => j < d ? x[i][j] : 1);
        Vector<double> w = (a.TransposeThisAndMultiply(a) + (delta * Matrix<double>.Build.DenseIdentity(d + 1))).Solve(a.TransposeThisAndMultiply(Vector<double>.Build.Dense(y)));
        Assert.Equal(n, rls.Samples);
        Assert.All(Enumerable.Range(0, d + 1), j => Assert.Equal(w[j], rls.Weights[j], 1e-8));
        Assert.Equal(w.DotProduct(Vector<double>.Build.Dense([.. x[0], 1])), rls.Predict(x[0]), 1e-8);
    }

    [Fact]
    public void With_forgetting_it_solves_exponentially_weighted_ridge_and_tracks_a_change()
    {
        var r = new System.Random(9);
        const int n = 400;
        const double rho = 0.95, delta = 0.1;
        double[] x = Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray();
        double[] y = x.Select((v, i) => (i < 200 ? 2 * v : -v) + (0.01 * r.NextDouble())).ToArray();
        var tracking = new RecursiveLeastSquares(1, delta, forgetting: rho);
        var remembering = new RecursiveLeastSquares(1, delta);
        for (int i = 0; i < n; i++)
        {
            tracking.Update([x[i]], y[i]);
            remembering.Update([x[i]], y[i]);
        }

        // Direct solve of Σ ρ^(n−1−i) (yᵢ − w·[xᵢ, 1])² + ρⁿ δ ‖w‖².
        Matrix<double> a = Matrix<double>.Build.Dense(2, 2, (i, j) => i == j ? Math.Pow(rho, n) * delta : 0);
        Vector<double> b = Vector<double>.Build.Dense(2);
        for (int i = 0; i < n; i++)
        {
            Vector<double> xi = Vector<double>.Build.Dense([x[i], 1]);
            a += Math.Pow(rho, n - 1 - i) * xi.OuterProduct(xi);
            b += Math.Pow(rho, n - 1 - i) * y[i] * xi;
        }

        Vector<double> w = a.Solve(b);
        Assert.Equal(w[0], tracking.Weights[0], 1e-7);
        Assert.Equal(w[1], tracking.Weights[1], 1e-7);
        Assert.InRange(tracking.Weights[0], -1.01, -0.99); // it follows the new slope
        Assert.InRange(remembering.Weights[0], 0, 1.5); // without forgetting: a compromise between 2 and −1
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecursiveLeastSquares(2, delta: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecursiveLeastSquares(2, forgetting: 1.5));
        var rls = new RecursiveLeastSquares(2);
        Assert.Contains("expected 2 features", Assert.Throws<ArgumentException>(() => rls.Predict([1.0])).Message, StringComparison.Ordinal);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => rls.Update([1.0, double.NaN], 1)).Message, StringComparison.Ordinal);
        Assert.Contains("target", Assert.Throws<ArgumentException>(() => rls.Update([1.0, 2.0], double.PositiveInfinity)).Message, StringComparison.Ordinal);
        Assert.Equal(0, rls.Samples);
    }
}
