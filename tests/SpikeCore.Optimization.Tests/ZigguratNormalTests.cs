using SpikeCore.Optimization.Oscillators;
using SpikeCore.Random;

namespace SpikeCore.Optimization.Tests;

public class ZigguratNormalTests
{
    [Fact]
    public void Draws_follow_the_standard_normal_distribution_tails_included()
    {
        const int n = 400_000;
        var rng = KeyedRandom.Create(3, 5, 7);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = ZigguratNormal.Next(ref rng);
        }

        double mean = x.Average(), variance = x.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(variance, 1 - (5 * Math.Sqrt(2.0 / n)), 1 + (5 * Math.Sqrt(2.0 / n)));
        // Kolmogorov-Smirnov distance to Φ (critical value at the 0.1% level: 1.95/√n).
        Array.Sort(x);
        double ks = 0;
        for (int i = 0; i < n; i++)
        {
            double phi = MathNet.Numerics.Distributions.Normal.CDF(0, 1, x[i]);
            ks = Math.Max(ks, Math.Max(Math.Abs(phi - (i / (double)n)), Math.Abs(phi - ((i + 1) / (double)n))));
        }

        Assert.True(ks < 1.95 / Math.Sqrt(n), $"KS distance {ks}");
        // The tail beyond r = 3.4426 is drawn by its own exact method: its mass is 2(1 − Φ(r)) = 5.76e-4.
        double tail = x.Count(v => Math.Abs(v) > 3.442619855899) / (double)n, expected = 2 * (1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, 3.442619855899));
        Assert.InRange(tail, expected - (5 * Math.Sqrt(expected / n)), expected + (5 * Math.Sqrt(expected / n)));
    }
}
