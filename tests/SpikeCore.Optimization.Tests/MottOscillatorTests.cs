using SpikeCore.Optimization.Oscillators;

namespace SpikeCore.Optimization.Tests;

public class MottOscillatorTests
{
    [Fact]
    public void Below_threshold_the_node_settles_at_the_steady_state_of_the_circuit()
    {
        MottOscillator o = MottOscillator.Vo2 with { BiasV = 8, NoiseScale = 0 };
        MottTrajectory t = o.Simulate(100_000, 1000, seed: 1);
        Assert.Empty(t.SpikeTimesNs);

        // Independent steady state: v = V R/(R + R_s) and S_th (T − T0) = v²/R, solved for T by bisection (heating branch).
        double Excess(double temperature)
        {
            double r = o.ResistanceOhm(temperature, 1), v = o.BiasV * r / (r + o.SeriesOhm);
            return (v * v / r) - (o.ThermalConductanceWPerK * (temperature - o.AmbientK));
        }

        double lo = o.AmbientK, hi = o.CriticalK;
        for (int k = 0; k < 100; k++)
        {
            double mid = 0.5 * (lo + hi);
            (lo, hi) = Excess(mid) > 0 ? (mid, hi) : (lo, mid);
        }

        double r = o.ResistanceOhm(lo, 1);
        Assert.Equal(lo, t.TemperaturesK[^1], 1e-6);
        Assert.Equal(o.BiasV * r / (r + o.SeriesOhm), t.VoltagesV[^1], 1e-6);
    }

    [Fact]
    public void Above_threshold_it_spikes_periodically_and_faster_with_more_bias()
    {
        double[] Intervals(double bias)
        {
            MottTrajectory t = (MottOscillator.Vo2 with { BiasV = bias, NoiseScale = 0 }).Simulate(200_000, 1000, seed: 1);
            return t.SpikeTimesNs.Skip(2).Zip(t.SpikeTimesNs.Skip(3), (a, b) => b - a).ToArray();
        }

        double[] at10 = Intervals(10), at12 = Intervals(12);
        Assert.True(at10.Length > 10, $"{at10.Length} intervals at 10 V");
        double mean = at10.Average(), sd = Math.Sqrt(at10.Average(x => (x - mean) * (x - mean)));
        Assert.True(sd < 0.01 * mean, $"periodic without noise: ISI {mean} ± {sd} ns");
        Assert.True(at12.Average() < mean, $"ISI {at12.Average()} ns at 12 V vs {mean} ns at 10 V");
    }

    [Fact]
    public void Thermal_noise_perturbs_the_rhythm_and_the_same_seed_repeats_it()
    {
        MottOscillator noisy = MottOscillator.Vo2 with { BiasV = 9, NoiseScale = 20 };
        MottTrajectory a = noisy.Simulate(100_000, 1000, seed: 3), b = noisy.Simulate(100_000, 1000, seed: 3);
        Assert.Equal(a.SpikeTimesNs, b.SpikeTimesNs);
        Assert.NotEqual(a.SpikeTimesNs, noisy.Simulate(100_000, 1000, seed: 4).SpikeTimesNs);
        Assert.NotEqual(a.SpikeTimesNs, (noisy with { NoiseScale = 0 }).Simulate(100_000, 1000, seed: 3).SpikeTimesNs);
    }

    [Fact]
    public void Noise_jittering_about_the_threshold_counts_as_one_spike_per_cycle()
    {
        MottTrajectory t = (MottOscillator.Vo2 with { BiasV = 9, NoiseScale = 200 }).Simulate(200_000, 1000, seed: 2);
        double[] isi = t.SpikeTimesNs.Zip(t.SpikeTimesNs.Skip(1), (a, b) => b - a).ToArray();
        Assert.True(isi.Length > 20);
        Assert.True(isi.Min() > 1000, $"shortest interval {isi.Min()} ns: a cycle takes microseconds");
    }

    [Fact]
    public void Impossible_parameters_are_named()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => (MottOscillator.Vo2 with { CapacitanceF = 0, NoiseScale = -1 }).Simulate(1000, 100, 1));
        Assert.Contains("capacitance_f", e.Message, StringComparison.Ordinal);
        Assert.Contains("noise_scale", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => MottOscillator.Vo2.Simulate(1000, 1, 1));
    }
}
