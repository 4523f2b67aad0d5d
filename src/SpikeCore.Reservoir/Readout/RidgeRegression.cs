using MathNet.Numerics.LinearAlgebra;

namespace SpikeCore.Reservoir.Readout;

/// <summary>
/// A linear readout fitted by ridge regression, W = argmin ‖X̃W − Ỹ‖² + λ‖W‖² on centred features and targets (the
/// bias is not shrunk), with λ chosen by k-fold cross-validation over a logarithmic grid.
/// </summary>
/// <remarks>
/// Each fit eigen-decomposes X̃ᵀX̃ = QΛQᵀ once, so every λ of the grid costs one d×d product:
/// W(λ) = Q (Λ + λ)^(−1) Qᵀ X̃ᵀỸ. Targets are columns: one per output (regression) or one-hot per class.
/// </remarks>
public sealed class RidgeRegression
{
    private RidgeRegression(Matrix<double> weights, Vector<double> bias, double lambda)
    {
        Weights = weights;
        Bias = bias;
        Lambda = lambda;
    }

    /// <summary>W, features × outputs.</summary>
    public Matrix<double> Weights { get; }

    /// <summary>b, one per output.</summary>
    public Vector<double> Bias { get; }

    /// <summary>The regularisation used.</summary>
    public double Lambda { get; }

    /// <summary>The default grid: 10^−8 … 10^4 in half decades.</summary>
    public static IReadOnlyList<double> DefaultGrid { get; } = Enumerable.Range(0, 25).Select(k => Math.Pow(10, -8 + (0.5 * k))).ToArray();

    /// <summary>Fits with a given λ.</summary>
    public static RidgeRegression Fit(Matrix<double> features, Matrix<double> targets, double lambda)
    {
        Check(features, targets);
        if (!(lambda >= 0) || double.IsInfinity(lambda))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be a finite number >= 0");
        }

        var problem = new Centred(features, targets);
        return problem.Solve(lambda);
    }

    /// <summary>
    /// Fits with the λ of <paramref name="grid"/> (default <see cref="DefaultGrid"/>) that minimises the
    /// <paramref name="folds"/>-fold cross-validated loss: mean squared error, or the error rate when
    /// <paramref name="classification"/> (targets one-hot, prediction argmax). Folds are contiguous blocks of rows.
    /// </summary>
    public static RidgeRegression FitCrossValidated(Matrix<double> features, Matrix<double> targets, bool classification,
        int folds = 5, IReadOnlyList<double>? grid = null)
    {
        Check(features, targets);
        grid ??= DefaultGrid;
        int n = features.RowCount;
        if (folds < 2 || folds > n)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, $"need 2 to {n} folds");
        }

        var loss = new double[grid.Count];
        for (int f = 0; f < folds; f++)
        {
            int from = f * n / folds, to = (f + 1) * n / folds;
            int[] trainRows = Enumerable.Range(0, n).Where(i => i < from || i >= to).ToArray();
            int[] testRows = Enumerable.Range(from, to - from).ToArray();
            var problem = new Centred(Rows(features, trainRows), Rows(targets, trainRows));
            Matrix<double> xTest = Rows(features, testRows), yTest = Rows(targets, testRows);
            for (int g = 0; g < grid.Count; g++)
            {
                Matrix<double> prediction = problem.Solve(grid[g]).Predict(xTest);
                loss[g] += classification
                    ? Enumerable.Range(0, testRows.Length).Count(i => ArgMax(prediction.Row(i)) != ArgMax(yTest.Row(i)))
                    : (prediction - yTest).PointwisePower(2).Enumerate().Sum();
            }
        }

        int best = 0;
        for (int g = 1; g < grid.Count; g++)
        {
            if (loss[g] < loss[best])
            {
                best = g;
            }
        }

        return Fit(features, targets, grid[best]);
    }

    /// <summary>XW + b, one row per sample.</summary>
    public Matrix<double> Predict(Matrix<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.ColumnCount != Weights.RowCount)
        {
            throw new ArgumentException($"the readout takes {Weights.RowCount} features, got {features.ColumnCount}");
        }

        Matrix<double> y = features * Weights;
        for (int i = 0; i < y.RowCount; i++)
        {
            y.SetRow(i, y.Row(i) + Bias);
        }

        return y;
    }

    /// <summary>The class of each row: the output with the largest value.</summary>
    public int[] Classify(Matrix<double> features)
    {
        Matrix<double> y = Predict(features);
        return Enumerable.Range(0, y.RowCount).Select(i => ArgMax(y.Row(i))).ToArray();
    }

    /// <summary>One-hot targets for class labels 0..classes−1.</summary>
    public static Matrix<double> OneHot(IReadOnlyList<int> labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Matrix<double> y = Matrix<double>.Build.Dense(labels.Count, classes);
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"labels must lie in 0..{classes - 1}");
            }

            y[i, labels[i]] = 1;
        }

        return y;
    }

    private static int ArgMax(Vector<double> v) => v.MaximumIndex();

    private static Matrix<double> Rows(Matrix<double> m, int[] rows) =>
        Matrix<double>.Build.Dense(rows.Length, m.ColumnCount, (i, j) => m[rows[i], j]);

    private static void Check(Matrix<double> features, Matrix<double> targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (features.RowCount != targets.RowCount || features.RowCount < 2)
        {
            throw new ArgumentException($"need as many target rows as feature rows, at least 2 (got {features.RowCount} and {targets.RowCount})");
        }

        if (features.Enumerate().Any(x => !double.IsFinite(x)) || targets.Enumerate().Any(x => !double.IsFinite(x)))
        {
            throw new ArgumentException("features and targets must be finite (found NaN or infinity)");
        }
    }

    /// <summary>A centred problem with X̃ᵀX̃ decomposed once.</summary>
    private sealed class Centred
    {
        private readonly Vector<double> _meanX, _meanY;
        private readonly Matrix<double> _q, _qtXty;
        private readonly Vector<double> _eigen;

        public Centred(Matrix<double> x, Matrix<double> y)
        {
            _meanX = x.ColumnSums() / x.RowCount;
            _meanY = y.ColumnSums() / y.RowCount;
            Matrix<double> xc = x.Clone(), yc = y.Clone();
            for (int i = 0; i < x.RowCount; i++)
            {
                xc.SetRow(i, xc.Row(i) - _meanX);
                yc.SetRow(i, yc.Row(i) - _meanY);
            }

            var evd = (xc.TransposeThisAndMultiply(xc)).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
            _q = evd.EigenVectors;
            _eigen = evd.EigenValues.Map(c => Math.Max(c.Real, 0));
            _qtXty = _q.TransposeThisAndMultiply(xc.TransposeThisAndMultiply(yc));
        }

        public RidgeRegression Solve(double lambda)
        {
            Matrix<double> scaled = _qtXty.Clone();
            for (int r = 0; r < scaled.RowCount; r++)
            {
                double d = _eigen[r] + lambda;
                scaled.SetRow(r, d > 1e-300 ? scaled.Row(r) / d : scaled.Row(r) * 0);
            }

            Matrix<double> w = _q * scaled;
            Vector<double> bias = _meanY - (w.TransposeThisAndMultiply(_meanX));
            return new RidgeRegression(w, bias, lambda);
        }
    }
}
