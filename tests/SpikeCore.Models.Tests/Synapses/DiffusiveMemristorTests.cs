using SpikeCore.Building;
using SpikeCore.Models.Sources;
using SpikeCore.Models.Synapses;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests.Synapses;

public class DiffusiveMemristorTests
{
    private static float[] Efficacies(DiffusiveMemristor m, double[] spikesMs)
    {
        var net = new NetworkBuilder().WithDelayResolution(0.01)
            .AddPopulation("pre", 1, new SpikeTimesSource([spikesMs]))
            .AddPopulation("post", 2, new DeliveryProbe())
            .Connect("pre", "post", Connectivity.AllToAll(), 1.0, 1.0, "excitatory", m)
            .Build();
        using var sim = new Simulation(net);
        sim.Run(spikesMs[^1] + 2);
        return DeliveryProbe.Log.Where(d => d.Neuron == 0).Select(d => d.Weight).ToArray();
    }

    [Fact]
    public void Relaxation_between_pulses_is_the_exact_solution()
    {
        // Reference: RK4 on df/dt = −(γ1 + β) f, dr/dt = β f − γ2 r with 1 µs steps.
        var m = new DiffusiveMemristor();
        double f = 0.3, r = 0.1, h = 1e-6; // s
        for (int k = 0; k < 100_000; k++)
        {
            (double, double) D(double ff, double rr) => (-(m.Gamma1PerS + m.BetaPerS) * ff, (m.BetaPerS * ff) - (m.Gamma2PerS * rr));
            (double a1, double b1) = D(f, r);
            (double a2, double b2) = D(f + (h / 2 * a1), r + (h / 2 * b1));
            (double a3, double b3) = D(f + (h / 2 * a2), r + (h / 2 * b2));
            (double a4, double b4) = D(f + (h * a3), r + (h * b3));
            f += h / 6 * (a1 + (2 * a2) + (2 * a3) + a4);
            r += h / 6 * (b1 + (2 * b2) + (2 * b3) + b4);
        }

        (double fe, double re) = m.Relax(0.3, 0.1, 100);
        Assert.Equal(f, fe, 1e-12);
        Assert.Equal(r, re, 1e-12);
    }

    [Fact]
    public void Paired_pulses_facilitate_less_as_the_interval_grows()
    {
        var m = new DiffusiveMemristor();
        double[] intervals = [10, 20, 50, 100, 200, 1000];
        double[] ppf = intervals.Select(d => { float[] a = Efficacies(m, [5, 5 + d]); return (double)a[1] / a[0]; }).ToArray();
        Assert.All(ppf, x => Assert.True(x > 1, $"PPF {x}"));
        for (int k = 1; k < ppf.Length; k++)
        {
            Assert.True(ppf[k] < ppf[k - 1], $"PPF not decaying: {string.Join(", ", ppf)}");
        }

        // The fast component decays with 1/(γ1 + β) ≈ 20 ms: by 200 ms only the slow r remains.
        Assert.True(ppf[4] - 1 < 0.01 * (ppf[0] - 1), $"PPF {string.Join(", ", ppf)}");
    }

    [Fact]
    public void Slow_state_builds_up_only_under_fast_trains()
    {
        // 20 pulses at 5 Hz (interval below 1/γ2 ≈ 2.4 s) against 0.05 Hz: the last pulse's efficacy rises above the
        // first only under the fast train; at 0.05 Hz the change is short-term only (the STP → LTP transition).
        var m = new DiffusiveMemristor();
        float[] fast = Efficacies(m, Enumerable.Range(0, 20).Select(k => 10 + (200.0 * k)).ToArray());
        float[] slow = Efficacies(m, Enumerable.Range(0, 20).Select(k => 10 + (20000.0 * k)).ToArray());
        double gainFast = (fast[^1] / fast[0]) - 1, gainSlow = (slow[^1] / slow[0]) - 1;
        Assert.True(gainFast > 20 * Math.Abs(gainSlow), $"fast {gainFast}, slow {gainSlow}");
        Assert.True(Math.Abs(gainSlow) < 1e-4, $"slow {gainSlow}");
    }

    [Fact]
    public void Stochastic_rupture_removes_volatile_state_and_is_reproducible()
    {
        var m = new DiffusiveMemristor { StochasticRupture = true, RuptureRatePerS = 2e8, RuptureFraction = 0.5 };
        double[] train = [5, 30, 55, 80];
        float[] with = Efficacies(m, train), again = Efficacies(m, train);
        float[] without = Efficacies(m with { StochasticRupture = false }, train);
        Assert.Equal(with, again);
        Assert.True(with[^1] < without[^1], $"{with[^1]} vs {without[^1]}");
        Assert.Equal(with[0], without[0]);
    }

    [Fact]
    public void A_series_drift_element_keeps_what_fast_trains_program_while_the_diffusive_device_conducts()
    {
        // A switching regime (k = 2000/s, 1 ms pulses): the diffusive device conducts during each pulse and lets the drift
        // element see the voltage. Ten pulses at 100 Hz find the device still conducting from the previous pulse and
        // program more than ten at 2 Hz. Probes 20 s and 40 s later (volatile state gone) read only the drift element.
        var m = new DiffusiveMemristor { GrowthRatePerS = 2000, PulseWidthMs = 1, SeriesDrift = new DriftMemristor() };
        float[] Probe(double intervalMs, double secondProbeMs = 40000)
        {
            double[] train = [.. Enumerable.Range(0, 10).Select(k => 10 + (intervalMs * k))];
            double end = train[^1];
            return Efficacies(m, [.. train, end + 20000, end + secondProbeMs]);
        }

        float[] fast = Probe(10), slow = Probe(500);
        Assert.True(fast[^2] > 1.3 * slow[^2], $"after 100 Hz {fast[^2]}, after 2 Hz {slow[^2]}");
        Assert.True(slow[^2] > Efficacies(m, [10, 20010])[^1] * 1.01, "even slow trains program a little");
        Assert.Equal(Probe(10, 30000)[^1], fast[^1], 1e-4 * fast[^1]); // non-volatile: 10 s more of rest change nothing
    }
}
