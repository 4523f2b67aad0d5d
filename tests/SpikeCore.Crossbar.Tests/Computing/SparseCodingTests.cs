using SpikeCore.Crossbar.Computing;

namespace SpikeCore.Crossbar.Tests.Computing;

public class SparseCodingTests
{
    private const int M = 16, K = 32;

    private static (double[] D, double[] X) Problem(int seed) => SpikeCore.TestSupport.LassoProblem.Create(M, K, seed, noise: 0.02);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fista_meets_the_lasso_optimality_conditions(bool nonNegative)
    {
        (double[] d, double[] x) = Problem(1);
        const double lambda = 0.05;
        double[] a = SparseCoding.Fista(d, x, K, lambda, nonNegative, 5000, SparseCoding.Lipschitz(d, M, K));
        var g = new double[K];
        SparseCoding.Correlate(d, SparseCoding.Residual(d, x, a), g); // Dᵀ(x − D a)
        for (int j = 0; j < K; j++)
        {
            if (a[j] != 0)
            {
                Assert.Equal(lambda * Math.Sign(a[j]), g[j], 1e-6);
            }
            else
            {
                Assert.True(nonNegative ? g[j] <= lambda + 1e-6 : Math.Abs(g[j]) <= lambda + 1e-6, $"atom {j}: |gradient| {g[j]} > λ");
            }
        }

        Assert.True(a.Count(v => v != 0) < K / 2, "a sparse code");
    }

    [Fact]
    public void Lca_converges_to_the_fista_objective()
    {
        (double[] d, double[] x) = Problem(2);
        const double lambda = 0.05;
        double reference = SparseCoding.Objective(d, x, SparseCoding.Fista(d, x, K, lambda, false, 5000, SparseCoding.Lipschitz(d, M, K)), lambda);
        double[] a = SparseCoding.Lca(x, K, lambda, false, 3000, 0.05, (c, e) => Reconstruct(d, c, e), (r, o) => SparseCoding.Correlate(d, r, o));
        Assert.Equal(reference, SparseCoding.Objective(d, x, a, lambda), 1e-7);
    }

    [Fact]
    public void Lca_on_a_fine_array_reaches_the_float_objective_within_its_resolution()
    {
        (double[] d, double[] x) = Problem(3);
        const double lambda = 0.05;
        double reference = SparseCoding.Objective(d, x, SparseCoding.Fista(d, x, K, lambda, false, 5000, SparseCoding.Lipschitz(d, M, K)), lambda);
        var arrays = new ArrayLca(d, M, K, KMeansTests.FineArrays, seed: 1);
        double[] a = arrays.Solve(x, lambda, false, 400, 0.1);
        Assert.InRange(SparseCoding.Objective(d, x, a, lambda), reference, reference * 1.02);
        Assert.True(arrays.Energy.Reads >= 400, $"{arrays.Energy.Reads} reads");
    }

    [Fact]
    public void Dictionary_learning_codes_its_signals_better_than_its_starting_atoms()
    {
        // Signals drawn from a hidden dictionary: learning lowers the objective of coding them.
        (double[] hidden, _) = Problem(4);
        var rng = new System.Random(5);
        var signals = new double[400 * M];
        for (int s = 0; s < 400; s++)
        {
            for (int t = 0; t < 2; t++)
            {
                int atom = rng.Next(K);
                for (int i = 0; i < M; i++)
                {
                    signals[(s * M) + i] += hidden[(i * K) + atom] * (0.5 + rng.NextDouble());
                }
            }
        }

        double Cost(double[] d) => Enumerable.Range(0, 400).Average(s =>
        {
            double[] x = signals.AsSpan(s * M, M).ToArray();
            return SparseCoding.Objective(d, x, SparseCoding.Fista(d, x, K, 0.05, false, 300, SparseCoding.Lipschitz(d, M, K)), 0.05);
        });
        double before = Cost(DictionaryLearning.Learn(signals, M, K, 0.05, 0, 20, 0.5, seed: 1));
        double after = Cost(DictionaryLearning.Learn(signals, M, K, 0.05, 150, 20, 0.5, seed: 1));
        double truth = Cost(hidden);
        Assert.True(after - truth < 0.5 * (before - truth), $"objective {before} before learning, {after} after, {truth} with the hidden dictionary");
    }

    private static void Reconstruct(double[] d, double[] a, double[] estimate)
    {
        for (int i = 0; i < estimate.Length; i++)
        {
            estimate[i] = Enumerable.Range(0, a.Length).Sum(j => d[(i * a.Length) + j] * a[j]);
        }
    }
}
