using SpikeCore.Building;
using SpikeCore.Models.Neurons.Memristive;
using SpikeCore.Models.Sources;

namespace SpikeCore.Models.Tests.Neurons;

public class PcmNeuronTests
{
    /// <summary>Numbers of input pulses between output spikes of neurons each driven by a regular 1 kHz pulse train.</summary>
    private static List<int> PulsesToFire(PcmNeuron p, int neurons, double endMs)
    {
        double[] train = Enumerable.Range(1, (int)endMs - 2).Select(k => (double)k).ToArray();
        var net = new NetworkBuilder()
            .AddPopulation("in", 1, new SpikeTimesSource([train]))
            .AddPopulation("n", neurons, p)
            .Connect("in", "n", Connectivity.AllToAll(), 1.0, 0.5, "input")
            .Build();
        (double[] times, int[] ids) = TestNetworks.Run(net, endMs);
        var counts = new List<int>();
        for (int j = 1; j <= neurons; j++)
        {
            double[] t = times.Where((_, k) => ids[k] == j).ToArray();
            counts.AddRange(t.Zip(t.Skip(1), (a, b) => (int)Math.Round(b - a)));
        }

        return counts;
    }

    [Fact]
    public void Without_noise_every_eighth_pulse_fires()
    {
        List<int> n = PulsesToFire(new PcmNeuron { CrystallisationStep = 0.125, StepNoise = 0, ResetNoise = 0 }, 2, 200);
        Assert.NotEmpty(n);
        Assert.All(n, x => Assert.Equal(8, x));
    }

    [Fact]
    public void Pulses_to_fire_follow_the_stochastic_process()
    {
        // Reference: the same process sampled directly (crystallisation noise and random reset), 20000 cycles.
        var p = new PcmNeuron { CrystallisationStep = 0.1, StepNoise = 0.3, ResetFraction = 0.1, ResetNoise = 0.1 };
        var random = new System.Random(3);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var reference = new List<int>();
        for (int cycle = 0; cycle < 20000; cycle++)
        {
            double c = Math.Clamp(0.1 + (0.1 * Normal()), 0, Math.BitDecrement(1.0));
            int pulses = 0;
            while (c < 1)
            {
                c += Math.Max(0, 0.1 * (1 + (0.3 * Normal())));
                pulses++;
            }

            reference.Add(pulses);
        }

        List<int> engine = PulsesToFire(p, 200, 1000);
        (double Mean, double Sd) Stats(List<int> x)
        {
            double m = x.Average();
            return (m, Math.Sqrt(x.Average(v => (v - m) * (v - m))));
        }

        (double em, double es) = Stats(engine);
        (double rm, double rs) = Stats(reference);
        Assert.True(engine.Count > 10000, $"{engine.Count} intervals");
        Assert.Equal(rm, em, 0.02 * rm);
        Assert.Equal(rs, es, 0.08 * rs);
        Assert.True(es > 0.5, $"spread {es} pulses");
    }

    [Fact]
    public void Output_rate_is_proportional_to_input_rate()
    {
        double Rate(double inputHz)
        {
            var net = new NetworkBuilder(5)
                .AddPopulation("in", 300, PoissonSource.Constant(inputHz))
                .AddPopulation("n", 300, new PcmNeuron())
                .Connect("in", "n", Connectivity.OneToOne(), 1.0, 1.0, "input")
                .Build();
            (double[] times, int[] ids) = TestNetworks.Run(net, 2000);
            return ids.Count(id => id >= 300) / (300 * 2.0);
        }

        double r50 = Rate(50), r100 = Rate(100), r200 = Rate(200);
        Assert.Equal(2, r100 / r50, 0.15);
        Assert.Equal(2, r200 / r100, 0.15);
    }
}
