using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.LinearAlgebra;

namespace SpikeCore.Reservoir.Readout;

/// <summary>
/// A linear readout fitted by ridge regression, W = argmin ‖X̃W − Ỹ‖² + λ‖W‖² on centred features and targets (the
/// bias is not shrunk), with λ chosen by exact leave-one-out cross-validation over a logarithmic grid.
/// </summary>
/// <remarks>
/// Each fit eigen-decomposes X̃ᵀX̃ (or X̃X̃ᵀ when features outnumber samples) once, so every λ of the grid costs one
/// product: W(λ) = Q (Λ + λ)^(−1) Qᵀ X̃ᵀỸ. Targets are columns: one per output (regression) or one-hot per class.
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
    /// Fits with the λ of <paramref name="grid"/> (default <see cref="DefaultGrid"/>) that minimises the exact
    /// leave-one-out loss: mean squared error, or the error rate when <paramref name="classification"/> (targets one-hot,
    /// prediction argmax). Leave-one-out needs no refits: with the hat matrix H(λ) = X̃(X̃ᵀX̃ + λ)^(−1)X̃ᵀ, the prediction
    /// for sample i without it is (ŷᵢ − Hᵢᵢyᵢ)/(1 − Hᵢᵢ), and one eigen-decomposition gives ŷ and diag H for every λ.
    /// </summary>
    public static RidgeRegression FitCrossValidated(Matrix<double> features, Matrix<double> targets, bool classification,
        IReadOnlyList<double>? grid = null)
    {
        Check(features, targets);
        grid ??= DefaultGrid;
        var problem = new Centred(features, targets);
        int best = 0;
        double bestLoss = double.PositiveInfinity;
        for (int g = 0; g < grid.Count; g++)
        {
            double loss = problem.LeaveOneOutLoss(grid[g], classification);
            if (loss < bestLoss)
            {
                (best, bestLoss) = (g, loss);
            }
        }

        return problem.Solve(grid[best]);
    }

    /// <summary>
    /// Fits with the λ of <paramref name="grid"/> that minimises the loss on each group when trained on the others
    /// (leave one group out, e.g. one speaker): the choice for test data that comes from a group never seen in training,
    /// which leave-one-out within the training groups cannot anticipate. Needs at least two groups.
    /// </summary>
    public static RidgeRegression FitGroupCrossValidated(Matrix<double> features, Matrix<double> targets, IReadOnlyList<int> groups,
        bool classification, IReadOnlyList<double>? grid = null)
    {
        Check(features, targets);
        ArgumentNullException.ThrowIfNull(groups);
        grid ??= DefaultGrid;
        int[] distinct = groups.Distinct().ToArray();
        if (groups.Count != features.RowCount || distinct.Length < 2)
        {
            throw new ArgumentException($"need one group per row and at least two groups (got {groups.Count} for {features.RowCount} rows, {distinct.Length} groups)", nameof(groups));
        }

        var loss = new double[grid.Count];
        foreach (int held in distinct)
        {
            int[] trainRows = Enumerable.Range(0, groups.Count).Where(i => groups[i] != held).ToArray();
            int[] testRows = Enumerable.Range(0, groups.Count).Where(i => groups[i] == held).ToArray();
            var problem = new Centred(Rows(features, trainRows), Rows(targets, trainRows));
            Matrix<double> xTest = Rows(features, testRows), yTest = Rows(targets, testRows);
            for (int g = 0; g < grid.Count; g++)
            {
                Matrix<double> prediction = problem.Solve(grid[g]).Predict(xTest);
                loss[g] += classification
                    ? Enumerable.Range(0, testRows.Length).Count(i => prediction.Row(i).MaximumIndex() != yTest.Row(i).MaximumIndex())
                    : (prediction - yTest).PointwisePower(2).Enumerate().Sum();
            }
        }

        return Fit(features, targets, grid[Array.IndexOf(loss, loss.Min())]);
    }

    private static Matrix<double> Rows(Matrix<double> m, int[] rows) =>
        Matrix<double>.Build.Dense(rows.Length, m.ColumnCount, (i, j) => m[rows[i], j]);

    /// <summary>The leave-one-out loss <see cref="FitCrossValidated"/> minimises, at one λ.</summary>
    internal static double LeaveOneOutLoss(Matrix<double> features, Matrix<double> targets, double lambda, bool classification)
    {
        Check(features, targets);
        return new Centred(features, targets).LeaveOneOutLoss(lambda, classification);
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

    /// <summary>
    /// A centred problem decomposed once: X̃ᵀX̃ = QΛQᵀ when there are more samples than features (W(λ) = Q(Λ + λ)^(−1)QᵀX̃ᵀỸ),
    /// else the dual X̃X̃ᵀ = UΛUᵀ (W(λ) = X̃ᵀU(Λ + λ)^(−1)UᵀỸ, the same matrix by (X̃ᵀX̃ + λ)^(−1)X̃ᵀ = X̃ᵀ(X̃X̃ᵀ + λ)^(−1)).
    /// </summary>
    private sealed class Centred
    {
        private readonly Vector<double> _meanX, _meanY;
        private readonly Matrix<double> _left, _right, _z, _yc;
        private readonly Vector<double> _eigen;

        /// <summary>Eigenvalues (plus λ) below this are treated as zero: directions the data do not span.</summary>
        private readonly double _floor;

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

            bool dual = x.ColumnCount > x.RowCount;
            Matrix<double> gram = dual ? xc.TransposeAndMultiply(xc) : xc.TransposeThisAndMultiply(xc);
            var evd = gram.Evd(Symmetricity.Symmetric);
            _eigen = evd.EigenValues.Map(c => Math.Max(c.Real, 0));
            _floor = 1e-12 * Math.Max(_eigen.Maximum(), 1e-300);
            Matrix<double> vectors = evd.EigenVectors;
            _left = dual ? xc.TransposeThisAndMultiply(vectors) : vectors;
            _right = dual ? vectors.TransposeThisAndMultiply(yc) : vectors.TransposeThisAndMultiply(xc.TransposeThisAndMultiply(yc));

            // For leave-one-out: Z with H(λ) = Z diag(g(λ)) Zᵀ, g = Λ/(Λ + λ) (dual, Z = U) or 1/(Λ + λ) (primal, Z = X̃Q).
            _z = dual ? vectors : xc * vectors;
            _yc = yc;
            _dual = dual;
        }

        private readonly bool _dual;

        /// <summary>Leave-one-out mean squared error (regression) or error count (classification) at λ.</summary>
        public double LeaveOneOutLoss(double lambda, bool classification)
        {
            int n = _z.RowCount, k = _yc.ColumnCount;
            Vector<double> g = Vector<double>.Build.Dense(_eigen.Count, r =>
            {
                double d = _eigen[r] + lambda;
                return d > _floor ? (_dual ? _eigen[r] : 1) / d : 0;
            });
            Matrix<double> zty = _right; // ZᵀỸ in both forms
            Matrix<double> fitted = _z * Matrix<double>.Build.Dense(zty.RowCount, k, (r, c) => zty[r, c] * g[r]);
            double loss = 0;
            for (int i = 0; i < n; i++)
            {
                double h = 1.0 / n; // the unpenalised intercept's share of the hat matrix
                for (int r = 0; r < g.Count; r++)
                {
                    h += _z[i, r] * _z[i, r] * g[r];
                }

                double keep = Math.Max(1 - h, 1e-12);
                if (classification)
                {
                    int predicted = 0, actual = 0;
                    double bestValue = double.NegativeInfinity;
                    for (int c = 0; c < k; c++)
                    {
                        double loo = (fitted[i, c] + _meanY[c] - (h * (_yc[i, c] + _meanY[c]))) / keep;
                        if (loo > bestValue)
                        {
                            (bestValue, predicted) = (loo, c);
                        }

                        if (_yc[i, c] + _meanY[c] > _yc[i, actual] + _meanY[actual])
                        {
                            actual = c;
                        }
                    }

                    loss += predicted == actual ? 0 : 1;
                }
                else
                {
                    for (int c = 0; c < k; c++)
                    {
                        double residual = (_yc[i, c] - fitted[i, c]) / keep; // centring cancels in y − ŷ
                        loss += residual * residual;
                    }
                }
            }

            return loss / n;
        }

        public RidgeRegression Solve(double lambda)
        {
            Matrix<double> scaled = _right.Clone();
            for (int r = 0; r < scaled.RowCount; r++)
            {
                double d = _eigen[r] + lambda;
                scaled.SetRow(r, d > _floor ? scaled.Row(r) / d : scaled.Row(r) * 0);
            }

            Matrix<double> w = _left * scaled;
            Vector<double> bias = _meanY - (w.TransposeThisAndMultiply(_meanX));
            return new RidgeRegression(w, bias, lambda);
        }
    }
}
