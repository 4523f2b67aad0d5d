using SpikeCore.Models.Numerics;
using SpikeCore.Random;
using Xunit.Abstractions;

namespace SpikeCore.Models.Tests.Numerics;

public class WindowProofTests(ITestOutputHelper output)
{
    /// <summary>
    /// The window proof against the truth on 10^6 random trajectories, half of them grazing (their maximum over the
    /// window placed within 1e-9 mV of threshold, on either side): a trajectory that reaches threshold, found by dense
    /// sampling, by refining the sampled maximum, or at the exact first root, must never be declared safe. Time constants, window lengths and term signs and sizes
    /// vary; CUBA's 20/5/10 ms and 0.1 ms windows are one case in four.
    /// </summary>
    [Fact]
    public void No_trajectory_that_reaches_threshold_is_declared_safe_over_a_million_cases_grazing_ones_included()
    {
        const int cases = 1_000_000, samples = 48;
        var rng = KeyedRandom.Create(2026, 1, 15);
        int crossings = 0, grazing = 0, misses = 0, falseAlarms = 0, safe = 0;
        for (int k = 0; k < cases; k++)
        {
            bool cuba = k % 4 == 0;
            var rates = cuba ? new DecayRates(20, 5, 10) : new DecayRates(5 + (45 * rng.NextDouble()), 1 + (19 * rng.NextDouble()), 1 + (19 * rng.NextDouble()));
            double window = cuba ? 0.1 : Math.Exp(Math.Log(0.01) + (rng.NextDouble() * Math.Log(300)));
            double Term() => (rng.NextDouble() < 0.5 ? -1 : 1) * Math.Exp(Math.Log(1e-3) + (rng.NextDouble() * Math.Log(3e4)));
            double a = Term(), b = Term(), c = Term();

            // The terms' maximum over the window: dense samples, then golden-section refinement around the best one.
            double G(double s) => (a * Math.Exp(-s * rates.RateM)) + (b * Math.Exp(-s * rates.Rate1)) + (c * Math.Exp(-s * rates.Rate2));
            int best = 0;
            for (int i = 1; i <= samples; i++)
            {
                best = G(window * i / samples) > G(window * best / samples) ? i : best;
            }

            double lo = window * Math.Max(best - 1, 0) / samples, hi = window * Math.Min(best + 1, samples) / samples;
            for (int i = 0; i < 60; i++)
            {
                double m1 = hi - (0.618 * (hi - lo)), m2 = lo + (0.618 * (hi - lo));
                (lo, hi) = G(m1) < G(m2) ? (m1, hi) : (lo, m2);
            }

            double max = Math.Max(Math.Max(G(0), G(window)), G(0.5 * (lo + hi)));
            bool graze = k % 2 == 1;
            grazing += graze ? 1 : 0;
            double c0 = -max + (graze ? (rng.NextDouble() - 0.5) * 2e-9 : (rng.NextDouble() * 6) - 5);

            // The truth: any point at or above threshold among the samples, the maximum found, and the root solver's first
            // root inside the window and just after it (the solver stops within 1e-12 ms of the crossing, on either side:
            // its root alone would count a trajectory that stays 1e-13 mV below threshold as reaching it).
            double root = new ExponentialSum(c0, a, b, c, rates).FirstRootMs();
            bool reaches = c0 + max >= 0 || (root <= window && (c0 + G(root) >= 0 || c0 + G(Math.Min(root + 2e-12, window)) >= 0));
            for (int i = 0; i <= samples && !reaches; i++)
            {
                reaches = c0 + G(window * i / samples) >= 0;
            }

            double bound = new WindowProof(window, rates).UpperBound(c0, a, b, c);
            crossings += reaches ? 1 : 0;
            misses += reaches && bound < 0 ? 1 : 0;
            falseAlarms += !reaches && bound >= 0 ? 1 : 0;
            safe += bound < 0 ? 1 : 0;
        }

        output.WriteLine($"{cases} cases ({grazing} grazing): {crossings} reach threshold, {misses} missed, {safe} proved safe, {falseAlarms} false alarms");
        Assert.Equal(0, misses);
        Assert.InRange(crossings, cases / 10, cases - (cases / 10)); // both outcomes well represented
        Assert.True(safe > cases / 4, "the proof is not vacuous");
    }

    [Fact]
    public void The_bound_is_tight_for_cubas_windows_a_few_micro_volts_of_slack_at_most()
    {
        // CUBA, Δ = 0.1 ms: against the trajectory's maximum by dense sampling, the bound is never below it and exceeds it
        // by at most Δ²/8 Σ_{t_k<0} |t_k|/τ_k² (1.25e-4 mV for a −20 mV membrane term) plus the rounding margin.
        var rates = new DecayRates(20, 5, 10);
        var proof = new WindowProof(0.1, rates);
        foreach ((double a, double b, double c) in new[] { (-20.0, 20.0, 10.0), (-20.0, 5.0, -3.0), (15.0, -8.0, 4.0), (-2.0, 30.0, -25.0) })
        {
            double max = Enumerable.Range(0, 100_001).Max(k =>
            {
                double s = 0.1 * k / 100_000;
                return -15 + (a * Math.Exp(-s / 20)) + (b * Math.Exp(-s / 5)) + (c * Math.Exp(-s / 10));
            });
            double slack = 0.01 / 8 * ((Math.Max(-a, 0) / 400) + (Math.Max(-b, 0) / 25) + (Math.Max(-c, 0) / 100));
            double bound = proof.UpperBound(-15, a, b, c);
            Assert.InRange(bound - max, 0, slack + 1e-12);
        }
    }

    /// <summary>
    /// The lane bound a sweep uses, in 512-bit and in 256-bit registers, is the scalar bound lane by lane, to the bit,
    /// over random terms of either sign and size (zeros and exact ties of sign included), and a lane with a non-finite
    /// term gets +∞ (no proof).
    /// </summary>
    [Fact]
    public void The_lane_bound_is_the_scalar_bound_bit_for_bit_and_refuses_non_finite_lanes()
    {
        Check<Lanes512<double>>();
        Check<Lanes256<double>>();
    }

    private static void Check<TLanes>()
        where TLanes : struct, ILanes<TLanes, double>
    {
        int n = TLanes.Count;
        var rng = KeyedRandom.Create(2026, 12, 6);
        var proof = new WindowProof(3.2, new DecayRates(20, 5, 10));
        double Term() => rng.NextDouble() < 0.05 ? 0 : (rng.NextDouble() < 0.5 ? -1 : 1) * Math.Exp(Math.Log(1e-3) + (rng.NextDouble() * Math.Log(3e4)));
        for (int k = 0; k < 10_000; k++)
        {
            double[] c0 = new double[n], a = new double[n], b = new double[n], c = new double[n];
            for (int l = 0; l < n; l++)
            {
                (c0[l], a[l], b[l], c[l]) = (-Math.Abs(Term()), Term(), Term(), Term());
            }

            if (k % 10 == 0)
            {
                (k % 20 == 0 ? a : c)[k % n] = k % 30 == 0 ? double.NaN : double.NegativeInfinity;
            }

            TLanes lanes = proof.UpperBounds(TLanes.Load(ref c0[0], 0), TLanes.Load(ref a[0], 0), TLanes.Load(ref b[0], 0), TLanes.Load(ref c[0], 0));
            for (int l = 0; l < n; l++)
            {
                double scalar = proof.UpperBound(c0[l], a[l], b[l], c[l]);
                Assert.Equal(double.IsFinite(scalar) ? scalar : double.PositiveInfinity, lanes[l]);
            }
        }
    }

    /// <summary>
    /// The filter a proof runs before the bound (<see cref="WindowProof.EndsBelow"/>) never turns a bound down: wherever
    /// the bound is below a level, both ends are, over random terms of either sign and size and levels near the bound.
    /// And it filters: where an end is not below the level, the bound is not either.
    /// </summary>
    [Fact]
    public void Both_ends_are_below_any_level_the_bound_is_below()
    {
        var rng = KeyedRandom.Create(2026, 12, 9);
        var proof = new WindowProof(3.2, new DecayRates(20, 5, 10));
        double Term() => (rng.NextDouble() < 0.5 ? -1 : 1) * Math.Exp(Math.Log(1e-3) + (rng.NextDouble() * Math.Log(3e4)));
        int filtered = 0;
        for (int k = 0; k < 200_000; k++)
        {
            (double c0, double a, double b, double c) = (-Math.Abs(Term()), Term(), Term(), Term());
            double bound = proof.UpperBound(c0, a, b, c);
            double level = bound + ((rng.NextDouble() - 0.5) * Math.Abs(bound) * 1e-3);
            if (bound < level)
            {
                Assert.True(proof.EndsBelow(c0, a, b, c, level), $"c0 {c0} a {a} b {b} c {c} level {level}");
            }
            else if (!proof.EndsBelow(c0, a, b, c, level))
            {
                filtered++;
            }
        }

        Assert.True(filtered > 10_000, $"{filtered} filtered");
    }
}
