using SpikeCore.Building;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests;

/// <summary>The builder example of README.md, kept compiling and running.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void Readme_builder_example_runs_and_is_reproducible()
    {
        ulong Run()
        {
            var lif = LifExp.Default with { RestMv = -65, RefractoryMs = 2 };
            var network = new NetworkBuilder(seed: 42)
                .AddPopulation("input", 100, PoissonSource.Constant(rateHz: 20))
                .AddPopulation("E", 800, lif, p => p.WithInitial("v_mv", Distribution.Uniform(-65, -55)))
                .AddPopulation("I", 200, lif)
                .Connect("input", "E", Connectivity.FixedInDegree(20), weight: 6.0, delayMs: Distribution.Uniform(0.5, 2), receptor: "excitatory")
                .Connect("E", "I", Connectivity.Bernoulli(0.1), weight: 2.0, delayMs: 1.0, receptor: "excitatory")
                .Connect("I", "E", Connectivity.Bernoulli(0.1), weight: -8.0, delayMs: 1.0, receptor: "inhibitory")
                .Build();

            using var sim = new Simulation(network);
            var v = sim.RecordState("E", [0, 1, 2], "v_mv", intervalMs: 0.1);
            sim.Run(500);
            Assert.InRange(v.SampleCount, 5000, 5001);
            Assert.True(sim.Statistics.Spikes > 1000, $"{sim.Statistics.Spikes} spikes");
            Assert.True(sim.Spikes!.Neurons().Any(n => n >= 100 && n < 900), "the E population never fired");
            return sim.Statistics.SpikeHash;
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Current_steps_switch_firing_on_and_off_at_their_times()
    {
        var lif = LifExp.Default with { RestMv = -65, ResetMv = -70, ThresholdMv = -50, RefractoryMs = 2 };
        var net = new NetworkBuilder()
            .AddPopulation("n", 1, lif)
            .InjectCurrent(new CurrentInjection("n", [50.0, 150.0], [20.0, 0.0]))
            .Build();
        (double[] times, _) = TestNetworks.Run(net, 400);
        // From rest at t = 50: first spike after τm ln(20/5); then every t_ref + τm ln(25/5) until the step at 150.
        double first = 50 + 20 * Math.Log(20.0 / 5.0);
        double period = 2 + 20 * Math.Log(25.0 / 5.0);
        int expected = 1 + (int)Math.Floor((150 - first) / period);
        Assert.Equal(expected, times.Length);
        Assert.Equal(first, times[0], 1e-9);
        Assert.Equal(first + period, times[1], 1e-9);
        Assert.All(times, t => Assert.InRange(t, 50, 150));
    }
}
