using SpikeCore.Models.Devices;
using SpikeCore.Random;

namespace SpikeCore.Models.Tests.Devices;

public class PcmTests
{
    [Theory]
    [InlineData(0.05, 3600, 0.771)]
    [InlineData(0.05, 86400, 0.658)]
    [InlineData(0.05, 31536000, 0.490)]
    [InlineData(0.1, 3600, 0.595)]
    [InlineData(0.1, 86400, 0.433)]
    [InlineData(0.1, 31536000, 0.240)]
    public void Drift_keeps_the_fractions_of_models_md(double nu, double seconds, double kept)
    {
        Assert.Equal(kept, PcmDrift.Factor(seconds, nu), 1e-3);
        Assert.Equal(1, PcmDrift.Factor(10, nu));
    }

    [Fact]
    public void Differential_pair_only_sets_and_refreshes_when_a_device_has_no_room_keeping_the_weight()
    {
        var device = new LinearStepDevice { MinConductanceUs = 0, MaxConductanceUs = 10, MaxPulses = 20 }; // 0.5 µS per pulse
        var pair = new DifferentialPair(1, device);
        var rng = KeyedRandom.Create(1, 1, 1);
        double expected = 0;
        double[] steps = [1.5, 1.5, -0.5, 2.0, 2.0, -1.0, 3.0, -2.5, -3.0, 2.5, 1.0, -4.0, -4.0, -3.0];
        foreach (double delta in steps)
        {
            double plusBefore = pair.PlusUs(0), minusBefore = pair.MinusUs(0);
            long refreshes = pair.Refreshes;
            pair.Update(0, delta, 0, ref rng);
            expected += delta;
            Assert.Equal(expected, pair.WeightUs(0), 1e-9);
            if (pair.Refreshes == refreshes)
            {
                Assert.True(pair.PlusUs(0) >= plusBefore && pair.MinusUs(0) >= minusBefore, "a device was depressed without a refresh");
            }

            Assert.InRange(pair.PlusUs(0), 0, 10);
            Assert.InRange(pair.MinusUs(0), 0, 10);
        }

        Assert.True(pair.Refreshes >= 1, "the G+ device saturated but was never refreshed");
    }

    [Fact]
    public void Drifting_pair_reads_less_as_time_passes()
    {
        var pair = new DifferentialPair(1, new LinearStepDevice { MinConductanceUs = 0, MaxConductanceUs = 10, MaxPulses = 20 }, driftNu: 0.05);
        var rng = KeyedRandom.Create(1, 1, 1);
        pair.Update(0, 5, timeS: 0, ref rng);
        Assert.Equal(5, pair.WeightUs(0, 10), 1e-12);
        Assert.Equal(5 * 0.771, pair.WeightUs(0, 3600), 5e-3);
    }

    [Fact]
    public void Multi_memristive_counter_shares_the_pulses_and_saturates_after_n_times_pmax()
    {
        var device = new LinearStepDevice { MinConductanceUs = 0, MaxConductanceUs = 1, MaxPulses = 10 };
        foreach ((int n, int step) in new[] { (1, 1), (3, 2), (4, 3), (7, 3) })
        {
            var synapse = new MultiMemristiveSynapse(1, n, device, step);
            var rng = KeyedRandom.Create(2, 2, 2);
            int k = 0;
            while (synapse.WeightUs(0) < (n * 1.0) - 1e-9)
            {
                synapse.Update(0, 0.1, ref rng); // one pulse each
                k++;
                for (int d = 0; d < n; d++)
                {
                    Assert.InRange(synapse.PulsesOf(0, d), k / n, (k + n - 1) / n);
                }
            }

            Assert.Equal(n * 10, k);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiMemristiveSynapse(1, 4, device, counterStep: 2));
    }

    [Fact]
    public void Multi_memristive_precision_improves_with_the_number_of_devices()
    {
        // Random ±1-pulse updates with cycle-to-cycle noise: the error of the achieved weight against the ideal
        // (noise-free) sum, relative to the weight range N·ΔG, shrinks as N grows.
        var device = new LinearStepDevice { MinConductanceUs = 0, MaxConductanceUs = 1, MaxPulses = 100, CycleToCycleSigma = 0.01 };
        double RelativeError(int n)
        {
            var synapses = new MultiMemristiveSynapse(400, n, device, 1);
            var rng = KeyedRandom.Create(3, 3, (ulong)n);
            var ideal = new double[400];
            double sum = 0;
            for (int i = 0; i < 400; i++)
            {
                for (int u = 0; u < 60; u++)
                {
                    double delta = rng.NextDouble() < 0.7 ? 0.01 : -0.01;
                    double before = synapses.WeightUs(i);
                    synapses.Update(i, delta, ref rng);
                    ideal[i] += synapses.WeightUs(i) == before ? 0 : delta;
                }

                sum += Math.Pow(synapses.WeightUs(i) - ideal[i], 2);
            }

            return Math.Sqrt(sum / 400) / n;
        }

        double e1 = RelativeError(1), e4 = RelativeError(4), e16 = RelativeError(16);
        Assert.True(e4 < e1 && e16 < e4, $"relative errors {e1}, {e4}, {e16}");
    }
}
