using SpikeCore.Models.Numerics;
using SpikeCore.Random;

namespace SpikeCore.Models.Tests.Numerics;

public class HorizonProofTests
{
    /// <summary>
    /// 200,000 random trajectories (CUBA's time constants in one case of four, random ones otherwise), half of them
    /// grazing threshold (their maximum over a random stretch of up to 2^15 windows placed within 1e-9 mV of it): the
    /// stretch the horizon proof certifies never contains a point at or above threshold, by 256 samples across it and by
    /// the exact first root. And the proof is not vacuous: most safe trajectories get more than one window.
    /// </summary>
    [Fact]
    public void The_certified_stretch_never_contains_a_crossing()
    {
        const int cases = 200_000, samples = 256;
        var rng = KeyedRandom.Create(2026, 2, 15);
        int certified = 0, longer = 0, misses = 0;
        for (int k = 0; k < cases; k++)
        {
            bool cuba = k % 4 == 0;
            var rates = cuba ? new DecayRates(20, 5, 10) : new DecayRates(5 + (45 * rng.NextDouble()), 1 + (19 * rng.NextDouble()), 1 + (19 * rng.NextDouble()));
            double window = cuba ? 0.1 : Math.Exp(Math.Log(0.01) + (rng.NextDouble() * Math.Log(100)));
            var proof = new HorizonProof(window, rates);
            double Term() => (rng.NextDouble() < 0.5 ? -1 : 1) * Math.Exp(Math.Log(1e-3) + (rng.NextDouble() * Math.Log(3e4)));
            double a = Term(), b = Term(), c = Term();
            double G(double s) => (a * Math.Exp(-s * rates.RateM)) + (b * Math.Exp(-s * rates.Rate1)) + (c * Math.Exp(-s * rates.Rate2));
            double stretch = window * Math.Pow(2, 15 * rng.NextDouble());
            double max = Enumerable.Range(0, samples + 1).Max(i => G(stretch * i / samples));
            double c0 = -max + (k % 2 == 1 ? (rng.NextDouble() - 0.5) * 2e-9 : (rng.NextDouble() * 4) - 3);

            double safeMs = proof.SafeForMs(c0, a, b, c);
            if (safeMs == 0)
            {
                continue;
            }

            certified++;
            longer += safeMs > window ? 1 : 0;
            double root = new ExponentialSum(c0, a, b, c, rates).FirstRootMs();
            bool crosses = root < safeMs && c0 + G(Math.Min(root + 2e-12, safeMs)) >= 0;
            for (int i = 0; i <= samples && !crosses; i++)
            {
                crosses = c0 + G(safeMs * i / samples) >= 0;
            }

            misses += crosses ? 1 : 0;
        }

        Assert.Equal(0, misses);
        Assert.True(certified > cases / 4 && longer > certified / 2, $"{certified} certified, {longer} beyond one window");
    }

    /// <summary>
    /// In 512-bit registers, in 256-bit ones and piece by piece (the CPU's widest picks one of them), the search finds the
    /// same longest safe prefix of the pieces' scalar bounds, and the same eighths beyond it, over 20,000 trajectories
    /// that reach ten or more of the sixteen horizons.
    /// </summary>
    [Fact]
    public void Every_register_width_finds_the_scalar_pieces_longest_safe_prefix_and_the_same_eighths()
    {
        var rng = new System.Random(7);
        var proof = new HorizonProof(0.1, new DecayRates(20, 5, 10));
        var found = new HashSet<int>();
        for (int k = 0; k < 20_000; k++)
        {
            double c0 = (rng.NextDouble() * 4) - 2, a = (rng.NextDouble() * 30) - 25, b = (rng.NextDouble() * 10) - 2, c = (rng.NextDouble() * 8) - 4;
            int expected = -1;
            while (expected + 1 < HorizonProof.Count && proof.PieceBound(expected + 1, c0, a, b, c) < 0)
            {
                expected++;
            }

            Assert.Equal(expected, proof.Longest<Lanes512<double>>(c0, a, b, c));
            Assert.Equal(expected, proof.Longest<Lanes256<double>>(c0, a, b, c));
            Assert.Equal(expected, proof.Longest(c0, a, b, c));
            double safeMs = proof.ScalarSafeForMs(c0, a, b, c);
            Assert.Equal(safeMs, proof.SafeForMs<Lanes512<double>>(c0, a, b, c));
            Assert.Equal(safeMs, proof.SafeForMs<Lanes256<double>>(c0, a, b, c));
            Assert.Equal(safeMs, proof.SafeForMs(c0, a, b, c));
            found.Add(expected);
        }

        Assert.True(found.Count >= 10, $"only {found.Count} distinct horizons exercised");
    }
}
