using SpikeCore.Building;
using SpikeCore.Models.Neurons.Memristive;
using SpikeCore.Models.Sources;

namespace SpikeCore.Models.Tests.Neurons;

public class ThresholdSwitchNeuronTests
{
    private static double[] Spikes(ThresholdSwitchNeuron p, double currentUa, double endMs)
    {
        var net = new NetworkBuilder().AddPopulation("n", 1, p).InjectCurrent(CurrentInjection.Constant("n", currentUa)).Build();
        return TestNetworks.Run(net, endMs).Times;
    }

    [Fact]
    public void Constant_current_fires_at_the_closed_form_interval()
    {
        var p = new ThresholdSwitchNeuron();
        const double I = 0.1; // µA: I R_p = 1 V
        double iR = I * p.ParallelResistanceMohm, tauOff = p.ParallelResistanceMohm * p.CapacitanceNf;
        double gOn = (1 / p.ParallelResistanceMohm) + (1 / p.OnResistanceMohm), vOn = I / gOn, tauOn = p.CapacitanceNf / gOn;
        double first = tauOff * Math.Log(iR / (iR - p.ThresholdV));
        double isi = (tauOff * Math.Log((iR - p.HoldV) / (iR - p.ThresholdV))) + (tauOn * Math.Log((p.ThresholdV - vOn) / (p.HoldV - vOn)));
        double[] t = Spikes(p, I, 100);
        Assert.True(t.Length > 10);
        for (int k = 0; k < t.Length; k++)
        {
            Assert.Equal(first + (k * isi), t[k], 1e-9);
        }
    }

    [Fact]
    public void Rheobase_is_threshold_over_parallel_resistance()
    {
        var p = new ThresholdSwitchNeuron();
        double rheobase = p.ThresholdV / p.ParallelResistanceMohm;
        Assert.Empty(Spikes(p, rheobase * 0.999, 2000));
        Assert.NotEmpty(Spikes(p, rheobase * 1.001, 2000));
    }

    [Fact]
    public void Switching_delays_make_intervals_random_and_longer()
    {
        double[] regular = Spikes(new ThresholdSwitchNeuron(), 0.1, 2000);
        double[] noisy = Spikes(new ThresholdSwitchNeuron { MeanSwitchingDelayMs = 2 }, 0.1, 2000);
        double[] isi = noisy.Zip(noisy.Skip(1), (a, b) => b - a).ToArray();
        double mean = isi.Average(), sd = Math.Sqrt(isi.Average(x => (x - mean) * (x - mean)));
        double regularIsi = regular[1] - regular[0];
        Assert.True(mean > regularIsi, $"mean ISI {mean} vs {regularIsi} without delay");
        Assert.True(sd / mean > 0.05, $"CV {sd / mean}");
    }

    [Fact]
    public void Input_pulses_integrate_and_leak()
    {
        // Pulses of 0.2 V every 1 ms against τ_off = 10 ms: V_n = 0.2 Σ e^(−k/10) crosses 0.5 V at the third pulse.
        var net = new NetworkBuilder().WithDelayResolution(0.5)
            .AddPopulation("in", 1, new SpikeTimesSource([[1.0, 2.0, 3.0, 4.0]]))
            .AddPopulation("n", 1, new ThresholdSwitchNeuron())
            .Connect("in", "n", Connectivity.OneToOne(), 0.2, 1.0, "input")
            .Build();
        (double[] times, int[] neurons) = TestNetworks.Run(net, 10);
        Assert.Equal([4.0], times.Where((_, k) => neurons[k] == 1));
    }
}
