using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Engine;
using SpikeCore.Networks.Computing;

namespace SpikeCore.Models.Tests.Computing;

public class SpikingLcaTests
{
    private const int M = 16, K = 32;
    private const double Lambda = 0.05;

    private static (double[] D, double[] X, double[] Gram, double[] Drive) Problem(int seed)
    {
        (double[] d, double[] x) = SpikeCore.TestSupport.LassoProblem.Create(M, K, seed, noise: 0);
        var b = new double[K];
        SparseCoding.Correlate(d, x, b);
        var gram = new double[K * K];
        for (int i = 0; i < K; i++)
        {
            for (int j = 0; j < K; j++)
            {
                gram[(i * K) + j] = i == j ? 0 : Enumerable.Range(0, M).Sum(q => d[(q * K) + i] * d[(q * K) + j]);
            }
        }

        return (d, x, gram, [.. b.Select(v => v - Lambda)]);
    }

    [Fact]
    public void Firing_rates_solve_the_non_negative_lasso()
    {
        // Tang et al. 2017: the rates converge to the solution; over 400 ms at 1 kHz per unit a rate is resolved to
        // 1/400 of a unit, so each coefficient lies within a few of those of FISTA's and the objective within 0.1%.
        (double[] d, double[] x, double[] gram, double[] drive) = Problem(2);
        double[] reference = SparseCoding.Fista(d, x, K, Lambda, nonNegative: true, 5000, SparseCoding.Lipschitz(d, M, K));
        (double[] a, _) = SpikingLca.Solve(gram, drive, new SpikingLcaParameters(), null, seed: 1);
        for (int j = 0; j < K; j++)
        {
            Assert.Equal(reference[j], a[j], 0.01);
        }

        Assert.Equal(SparseCoding.Objective(d, x, reference, Lambda), SparseCoding.Objective(d, x, a, Lambda), SparseCoding.Objective(d, x, reference, Lambda) * 1e-3);
    }

    [Fact]
    public void Lateral_weights_in_arrays_code_within_the_devices_resolution_and_count_their_reads()
    {
        (double[] d, double[] x, double[] gram, double[] drive) = Problem(2);
        double best = SparseCoding.Objective(d, x, SparseCoding.Fista(d, x, K, Lambda, nonNegative: true, 5000, SparseCoding.Lipschitz(d, M, K)), Lambda);
        (double[] a, IReadOnlyDictionary<string, double> meters) = SpikingLca.Solve(gram, drive, new SpikingLcaParameters(), new ArraySynapse(), seed: 1);
        // 64 levels: each lateral weight within about 1/64 of the largest; the objective moves by a small fraction.
        Assert.InRange(SparseCoding.Objective(d, x, a, Lambda), best * (1 - 1e-3), best * 1.02);
        Assert.True(meters["device_reads"] > 0 && meters["read_energy_j"] > 0);
    }
}
