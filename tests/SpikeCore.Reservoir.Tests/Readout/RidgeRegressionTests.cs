using MathNet.Numerics.LinearAlgebra;
using SpikeCore.Reservoir.Readout;

namespace SpikeCore.Reservoir.Tests.Readout;

public class RidgeRegressionTests
{
    private static Matrix<double> Random(int rows, int cols, int seed)
    {
        var r = new System.Random(seed);
        return Matrix<double>.Build.Dense(rows, cols, (_, _) => (2 * r.NextDouble()) - 1);
    }

    [Theory]
    [InlineData(50, 6)]  // more samples than features: the primal decomposition
    [InlineData(12, 30)] // more features than samples: the dual
    public void Weights_equal_a_direct_least_squares_solve_of_the_augmented_system(int n, int d)
    {
        // Independent formulation: centre, then solve [X̃; √λ I] W = [Ỹ; 0] by QR.
        Matrix<double> x = Random(n, d, 1), y = Random(n, 2, 2);
        const double Lambda = 0.3;
        RidgeRegression ridge = RidgeRegression.Fit(x, y, Lambda);
        Vector<double> mx = x.ColumnSums() / n, my = y.ColumnSums() / n;
        Matrix<double> xc = Matrix<double>.Build.Dense(n, d, (i, j) => x[i, j] - mx[j]);
        Matrix<double> yc = Matrix<double>.Build.Dense(n, 2, (i, j) => y[i, j] - my[j]);
        Matrix<double> a = xc.Stack(Matrix<double>.Build.DenseIdentity(d) * Math.Sqrt(Lambda));
        Matrix<double> b = yc.Stack(Matrix<double>.Build.Dense(d, 2));
        Matrix<double> w = a.QR().Solve(b);
        Assert.True((ridge.Weights - w).FrobeniusNorm() < 1e-10, $"weights differ by {(ridge.Weights - w).FrobeniusNorm()}");
        Vector<double> bias = my - (w.TransposeThisAndMultiply(mx));
        Assert.True((ridge.Bias - bias).L2Norm() < 1e-10);
    }

    [Theory]
    [InlineData(15, 4)]
    [InlineData(10, 25)]
    public void Leave_one_out_shortcut_equals_refitting_without_each_sample(int n, int d)
    {
        Matrix<double> x = Random(n, d, 8), y = Random(n, 3, 9);
        foreach (double lambda in new[] { 0.01, 0.5, 20 })
        {
            double brute = 0;
            int errors = 0;
            for (int i = 0; i < n; i++)
            {
                int[] keep = Enumerable.Range(0, n).Where(r => r != i).ToArray();
                Matrix<double> xs = Matrix<double>.Build.Dense(n - 1, d, (r, c) => x[keep[r], c]);
                Matrix<double> ys = Matrix<double>.Build.Dense(n - 1, 3, (r, c) => y[keep[r], c]);
                Matrix<double> p = RidgeRegression.Fit(xs, ys, lambda).Predict(x.SubMatrix(i, 1, 0, d));
                brute += (p.Row(0) - y.Row(i)).PointwisePower(2).Sum();
                errors += p.Row(0).MaximumIndex() == y.Row(i).MaximumIndex() ? 0 : 1;
            }

            Assert.Equal(brute / n, RidgeRegression.LeaveOneOutLoss(x, y, lambda, classification: false), 1e-9);
            Assert.Equal(errors / (double)n, RidgeRegression.LeaveOneOutLoss(x, y, lambda, classification: true), 1e-12);
        }
    }

    [Fact]
    public void Noiseless_linear_data_is_recovered_exactly()
    {
        Matrix<double> x = Random(30, 4, 3);
        Matrix<double> wTrue = Matrix<double>.Build.DenseOfArray(new double[,] { { 1 }, { -2 }, { 0.5 }, { 3 } });
        Matrix<double> y = x * wTrue + 7;
        RidgeRegression ridge = RidgeRegression.Fit(x, y, 0);
        Assert.True((ridge.Weights - wTrue).FrobeniusNorm() < 1e-10);
        Assert.Equal(7, ridge.Bias[0], 1e-10);
    }

    [Fact]
    public void Cross_validation_picks_a_lambda_that_generalises()
    {
        // 40 noisy samples, 30 features, 3 of them informative. The λ chosen on the training data alone must do nearly as
        // well on fresh data as the best λ of the grid chosen with hindsight, and far better than a crushing λ.
        var r = new System.Random(4);
        Matrix<double> Data(int n, out Matrix<double> y)
        {
            Matrix<double> x = Matrix<double>.Build.Dense(n, 30, (_, _) => r.NextDouble() - 0.5);
            y = Matrix<double>.Build.Dense(n, 1, (i, _) => x[i, 0] - (2 * x[i, 1]) + x[i, 2] + (1.0 * (r.NextDouble() - 0.5)));
            return x;
        }

        Matrix<double> xTrain = Data(40, out Matrix<double> yTrain), xTest = Data(2000, out Matrix<double> yTest);
        double Error(RidgeRegression m) => (m.Predict(xTest) - yTest).PointwisePower(2).Enumerate().Average();
        RidgeRegression cv = RidgeRegression.FitCrossValidated(xTrain, yTrain, classification: false);
        double chosen = Error(cv), huge = Error(RidgeRegression.Fit(xTrain, yTrain, 1e4));
        double oracle = RidgeRegression.DefaultGrid.Min(l => Error(RidgeRegression.Fit(xTrain, yTrain, l)));
        Assert.True(chosen <= 1.2 * oracle && chosen < 0.6 * huge, $"λ = {cv.Lambda}: {chosen}, best of the grid {oracle}, λ = 1e4 {huge}");
    }

    [Fact]
    public void Group_cross_validation_scores_each_group_by_a_model_that_never_saw_it()
    {
        // The λ chosen must be the one whose summed held-out error, each group predicted by a fit on the others, is least.
        Matrix<double> x = Random(45, 8, 12), y = Random(45, 2, 13);
        int[] groups = Enumerable.Range(0, 45).Select(i => i % 3).ToArray();
        double[] grid = [1e-3, 0.3, 3, 1e3];
        double HeldOut(double lambda) => Enumerable.Range(0, 3).Sum(g =>
        {
            int[] tr = Enumerable.Range(0, 45).Where(i => groups[i] != g).ToArray(), te = Enumerable.Range(0, 45).Where(i => groups[i] == g).ToArray();
            Matrix<double> Pick(Matrix<double> m, int[] rows) => Matrix<double>.Build.Dense(rows.Length, m.ColumnCount, (i, j) => m[rows[i], j]);
            return (RidgeRegression.Fit(Pick(x, tr), Pick(y, tr), lambda).Predict(Pick(x, te)) - Pick(y, te)).PointwisePower(2).Enumerate().Sum();
        });
        double expected = grid.OrderBy(HeldOut).First();
        Assert.Equal(expected, RidgeRegression.FitGroupCrossValidated(x, y, groups, classification: false, grid).Lambda);
        Assert.Throws<ArgumentException>(() => RidgeRegression.FitGroupCrossValidated(x, y, new int[45], classification: false));
    }

    [Fact]
    public void Separable_classes_are_classified_by_argmax()
    {
        var r = new System.Random(5);
        int[] labels = Enumerable.Range(0, 90).Select(i => i % 3).ToArray();
        Matrix<double> x = Matrix<double>.Build.Dense(90, 2, (i, j) => (labels[i] == j ? 3 : labels[i] == 2 ? -3 : 0) + (0.3 * (r.NextDouble() - 0.5)));
        RidgeRegression ridge = RidgeRegression.FitCrossValidated(x, RidgeRegression.OneHot(labels, 3), classification: true);
        Assert.Equal(1.0, Metrics.Accuracy(labels, ridge.Classify(x)));
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Matrix<double> x = Random(10, 2, 6), y = Random(10, 1, 7);
        x[3, 1] = double.NaN;
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => RidgeRegression.Fit(x, y, 1)).Message);
        Assert.Contains("as many target rows", Assert.Throws<ArgumentException>(() => RidgeRegression.Fit(Random(10, 2, 6), Random(9, 1, 7), 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => RidgeRegression.Fit(Random(10, 2, 6), y, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RidgeRegression.OneHot([0, 3], 3));
    }
}
