using SpikeCore.Crossbar.Computing;

namespace SpikeCore.TestSupport;

/// <summary>A small sparse-coding problem for the solvers' tests: a random unit-norm dictionary and a signal made of three of its atoms.</summary>
internal static class LassoProblem
{
    /// <summary>D (m × k, row-major, atoms 3, 11 and 27 of at least 28 used) and x = Σ c_a d_a + uniform noise of width <paramref name="noise"/>.</summary>
    public static (double[] D, double[] X) Create(int m, int k, int seed, double noise)
    {
        var rng = new System.Random(seed);
        double[] d = [.. Enumerable.Range(0, m * k).Select(_ => rng.NextDouble() - 0.5)];
        DictionaryLearning.Normalise(d, m, k);
        var x = new double[m];
        foreach (int atom in new[] { 3, 11, 27 })
        {
            double c = 0.5 + rng.NextDouble();
            for (int i = 0; i < m; i++)
            {
                x[i] += c * d[(i * k) + atom];
            }
        }

        for (int i = 0; i < m && noise > 0; i++)
        {
            x[i] += noise * (rng.NextDouble() - 0.5);
        }

        return (d, x);
    }
}
