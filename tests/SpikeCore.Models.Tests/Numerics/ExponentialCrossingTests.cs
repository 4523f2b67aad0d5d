using SpikeCore.Models.Numerics;

namespace SpikeCore.Models.Tests.Numerics;

public class ExponentialCrossingTests
{
    private static double F(double a, double b, double tau1, double d, double tau2, double s) => a + (b * Math.Exp(-s / tau1)) + (d * Math.Exp(-s / tau2));

    /// <summary>The naive answer: scan a grid (plus <paramref name="touch"/>, where a grazing case touches zero) for the first sign change, then bisect it to the last double.</summary>
    private static double Naive(double a, double b, double tau1, double d, double tau2, double horizon, double touch)
    {
        if (F(a, b, tau1, d, tau2, 0) >= 0)
        {
            return 0;
        }

        const int Points = 20_000;
        double[] grid = [.. Enumerable.Range(0, Points + 1).Select(i => horizon * i / Points).Append(touch).Where(s => s >= 0 && s <= horizon).Order()];
        for (int i = 1; i < grid.Length; i++)
        {
            double hi = grid[i];
            if (F(a, b, tau1, d, tau2, hi) >= 0)
            {
                double lo = grid[i - 1];
                while (true)
                {
                    double mid = lo + ((hi - lo) / 2);
                    if (mid <= lo || mid >= hi)
                    {
                        return hi;
                    }

                    (lo, hi) = F(a, b, tau1, d, tau2, mid) >= 0 ? (lo, mid) : (mid, hi);
                }
            }
        }

        return double.PositiveInfinity;
    }

    [Fact]
    public void Random_cases_agree_with_a_dense_scan_and_bisection()
    {
        var rng = new System.Random(5);
        int roots = 0, grazing = 0;
        for (int n = 0; n < 20_000; n++)
        {
            double tau1 = 0.5 + (rng.NextDouble() * 50), tau2 = 0.5 + (rng.NextDouble() * 50);
            double a = (rng.NextDouble() * 2) - 1, b = (rng.NextDouble() * 4) - 2, d = (rng.NextDouble() * 4) - 2;
            double turn = double.NaN;
            if (n % 4 == 0)
            {
                // Grazing: place the extremum of f exactly on zero (f(s*) = 0 to rounding), where the roots are double.
                turn = Math.Log(-d * tau1 / (b * tau2)) / ((1 / tau2) - (1 / tau1));
                if (!(turn > 0) || !double.IsFinite(turn))
                {
                    continue;
                }

                a = -((b * Math.Exp(-turn / tau1)) + (d * Math.Exp(-turn / tau2))) + (1e-9 * (rng.NextDouble() - 0.5));
                grazing++;
            }

            double horizon = 40 * Math.Max(tau1, tau2);
            double got = ExponentialCrossing.First(a, b, tau1, d, tau2), want = Naive(a, b, tau1, d, tau2, horizon, turn);
            if (double.IsPositiveInfinity(want))
            {
                // Beyond the horizon f is within e^(−40) of a: a root there needs a > 0 and is found, not missed.
                Assert.True(double.IsPositiveInfinity(got) || (got > horizon && a > 0), $"case {n}: {got} where the scan found none");
                continue;
            }

            roots++;
            Assert.True(F(a, b, tau1, d, tau2, got) >= 0, $"case {n}: f({got}) < 0");
            Assert.True(Math.Abs(got - want) <= 1e-9 * Math.Max(1, want), $"case {n}: {got} against the scan's {want} (a {a}, b {b}, τ1 {tau1}, d {d}, τ2 {tau2})");
        }

        Assert.True(roots > 5_000 && grazing > 1_000, $"{roots} roots, {grazing} grazing cases");
    }

    [Fact]
    public void Without_the_second_exponential_it_is_the_closed_form()
    {
        // a + b e^(−s/τ) = 0 at s = τ ln(−b/a).
        Assert.Equal(10 * Math.Log(2), ExponentialCrossing.First(1, -2, 10, 0, 3), 1e-12);
        Assert.Equal(double.PositiveInfinity, ExponentialCrossing.First(-1, 0.5, 10, 0, 3));
    }
}
