using SpikeCore.Optimization.Oscillators;

namespace SpikeCore.Optimization.Tests;

public class MottOscillatorTests
{
    private static MottOscillator Preset(string name) => name == "vo2" ? MottOscillator.Vo2 : MottOscillator.NbO2;

    [Theory]
    [InlineData("vo2", 8, 100_000)]
    [InlineData("nbo2", 0.7, 2_000)]
    public void Below_threshold_the_node_settles_at_the_steady_state_of_the_circuit(string preset, double biasV, double durationNs)
    {
        MottOscillator o = Preset(preset) with { BiasV = biasV, NoiseScale = 0 };
        MottTrajectory t = o.Simulate(durationNs, o.StepNs * 10, seed: 1);
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

    [Theory]
    [InlineData("vo2", 10, 12, 200_000)]
    [InlineData("nbo2", 1.0, 1.5, 4_000)]
    public void Above_threshold_it_spikes_periodically_and_faster_with_more_bias(string preset, double lowV, double highV, double durationNs)
    {
        double[] Intervals(double bias)
        {
            MottOscillator o = Preset(preset) with { BiasV = bias, NoiseScale = 0 };
            MottTrajectory t = o.Simulate(durationNs, o.StepNs * 10, seed: 1);
            return t.SpikeTimesNs.Skip(2).Zip(t.SpikeTimesNs.Skip(3), (a, b) => b - a).ToArray();
        }

        double[] low = Intervals(lowV), high = Intervals(highV);
        Assert.True(low.Length > 10, $"{low.Length} intervals at {lowV} V");
        double mean = low.Average(), sd = Math.Sqrt(low.Average(x => (x - mean) * (x - mean)));
        Assert.True(sd < 0.01 * mean, $"periodic without noise: ISI {mean} ± {sd} ns");
        Assert.True(high.Average() < mean, $"ISI {high.Average()} ns at {highV} V vs {mean} ns at {lowV} V");
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
        Assert.Contains("spike_threshold_k", Assert.Throws<ArgumentException>(() => (MottOscillator.NbO2 with { SpikeThresholdK = 250 }).Validate()).Message, StringComparison.Ordinal);
    }
}
