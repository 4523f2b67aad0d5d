using SpikeCore.Models.Numerics;
using SpikeCore.Random;

namespace SpikeCore.Models.Tests.Numerics;

public class PspRiseTests
{
    /// <summary>
    /// Q(u), the most a unit input raises the membrane within u, against the running maximum of τm V′ = −V + e^(−s/τs),
    /// V(0) = 0, integrated by RK4 (h = 1e-4 ms): synaptic time constants below and above the membrane's, CUBA's among them.
    /// </summary>
    [Theory]
    [InlineData(5.0, 20.0)]
    [InlineData(10.0, 20.0)]
    [InlineData(30.0, 20.0)]
    [InlineData(2.0, 7.0)]
    public void The_rise_within_a_time_is_the_running_maximum_of_the_integrated_psp(double tauSynapse, double tauMembrane)
    {
        const double h = 1e-4;
        double F(double s, double v) => (-v + Math.Exp(-s / tauSynapse)) / tauMembrane;
        double v = 0, max = 0;
        int checks = 0;
        for (int i = 1; i <= 2_000_000; i++)
        {
            double s = (i - 1) * h;
            double k1 = F(s, v), k2 = F(s + (h / 2), v + (h / 2 * k1)), k3 = F(s + (h / 2), v + (h / 2 * k2)), k4 = F(s + h, v + (h * k3));
            v += h / 6 * (k1 + (2 * k2) + (2 * k3) + k4);
            max = Math.Max(max, v);
            if (i % 500 == 0)
            {
                Assert.Equal(max, PspRise.Within(tauSynapse, tauMembrane, i * h), 1e-9);
                checks++;
            }
        }

        Assert.Equal(4000, checks);
        Assert.Equal(max, PspRise.Within(tauSynapse, tauMembrane), 1e-9); // 200 ms: far past the peak
        Assert.True(PspRise.Within(tauSynapse, tauMembrane, 1.0) < max, "the rise within 1 ms is short of the peak");
    }

    /// <summary>
    /// A window's charge bounds the rise over any time up to the one it is asked for, including times a rounding past a
    /// grid point, and is at most one step loose; past the table it is the peak.
    /// </summary>
    [Fact]
    public void The_charge_bounds_the_rise_and_is_at_most_one_window_loose()
    {
        const double step = 0.1;
        var rise = new PspRise(5, 20, step, 33);
        var rng = KeyedRandom.Create(2026, 12, 6);
        for (int k = 0; k < 100_000; k++)
        {
            double u = 3.3 * rng.NextDouble();
            double bound = rise.AtMost(u);
            Assert.True(bound >= PspRise.Within(5, 20, u), $"{bound} below the rise within {u} ms");
            Assert.True(bound <= PspRise.Within(5, 20, u + step), $"{bound} looser than one window at {u} ms");
        }

        for (int k = 1; k <= 33; k++)
        {
            double onGrid = k * step;
            Assert.True(rise.AtMost(onGrid - (step / 1000)) < PspRise.Within(5, 20, onGrid + (step / 2)), $"just short of {onGrid} ms: that point's value, not the next one's");
        }

        // Times a few roundings past a grid point, whose step count rounds down to that point's for some steps (0.3, 0.7).
        foreach (double other in new[] { 0.1, 0.3, 0.7 })
        {
            var grid = new PspRise(5, 20, other, 12);
            for (int k = 1; k <= 12; k++)
            {
                for (double u = Math.BitIncrement(k * other), n = 0; n < 4; n++, u = Math.BitIncrement(u))
                {
                    Assert.True(grid.AtMost(u) >= PspRise.Within(5, 20, u), $"{u} ms, a rounding past {k} steps of {other} ms");
                }
            }
        }

        Assert.Equal(PspRise.Within(5, 20), rise.AtMost(3.5));
        Assert.Equal(0.69, PspRise.Within(5, 20, 3.2) / PspRise.Within(5, 20), 2); // CUBA's sweep: 0.69 of the peak (README)
    }
}
