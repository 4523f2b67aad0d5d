using SpikeCore.Building;
using SpikeCore.Models.Neurons.Memristive;
using SpikeCore.Models.Sources;
using SpikeCore.Recording;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests.Neurons;

public class MottNeuristorTests
{
    private static double[] Spikes(MottNeuristor p, double currentMa, double endMs)
    {
        var net = new NetworkBuilder().AddPopulation("n", 1, p).InjectCurrent(CurrentInjection.Constant("n", currentMa)).Build();
        return TestNetworks.Run(net, endMs).Times;
    }

    private static double[] Intervals(double[] spikes, int skip = 3) => spikes.Zip(spikes.Skip(1), (a, b) => b - a).Skip(skip).ToArray();

    /// <summary>
    /// The three firing patterns, selected only by C1 and C2, against an independent forward-Euler implementation of the
    /// same equations with a 5× smaller step (mott_neuristor_reference.py beside this file): RS 32.6 ms, chattering
    /// bursts of three (10.1, 11.0, then 26.4 ms), FS 9.9-10.0 ms, at 0.03 mA.
    /// </summary>
    [Fact]
    public void Capacitances_select_regular_spiking_chattering_and_fast_spiking()
    {
        double[] rs = Intervals(Spikes(MottNeuristor.RegularSpiking, 0.03, 400));
        Assert.All(rs, isi => Assert.Equal(32.6, isi, 0.1));

        double[] fs = Intervals(Spikes(MottNeuristor.FastSpiking, 0.03, 400));
        Assert.All(fs, isi => Assert.Equal(9.95, isi, 0.1));

        double[] ch = Intervals(Spikes(MottNeuristor.Chattering, 0.03, 400));
        int start = Array.FindIndex(ch, isi => isi > 20) + 1; // align on the first burst after a pause
        double[] burst = ch[start..(start + 9)];
        double[] expected = [10.1, 11.0, 26.4, 10.1, 11.0, 26.4, 10.1, 11.0, 26.4];
        Assert.All(burst.Zip(expected), x => Assert.Equal(x.Second, x.First, 0.15));
    }

    [Fact]
    public void Below_threshold_the_neuristor_stays_quiet()
    {
        foreach (MottNeuristor p in new[] { MottNeuristor.RegularSpiking, MottNeuristor.Chattering, MottNeuristor.FastSpiking })
        {
            Assert.Empty(Spikes(p, 0.005, 300));
            Assert.NotEmpty(Spikes(p, 0.02, 300));
        }
    }

    [Fact]
    public void Spikes_are_all_or_nothing()
    {
        // The Na-like channel discharges C1 to near its bias whatever the drive: the trough of V1 barely moves when the
        // current more than doubles.
        double Trough(double current)
        {
            var net = new NetworkBuilder().AddPopulation("n", 1, MottNeuristor.RegularSpiking).InjectCurrent(CurrentInjection.Constant("n", current)).Build();
            using var sim = new Simulation(net);
            StateRecorder v1 = sim.RecordState("n", [0], "v1_v", 0.005);
            sim.Run(300);
            return v1.Trace(0).Skip(10000).Min();
        }

        double weak = Trough(0.02), strong = Trough(0.05);
        Assert.InRange(weak, -0.9, -0.6);
        Assert.Equal(weak, strong, 0.05 * Math.Abs(weak));
    }

    [Fact]
    public void A_second_input_inside_the_refractory_period_does_not_fire()
    {
        double[] Fired(double secondMs)
        {
            var net = new NetworkBuilder().WithDelayResolution(0.005)
                .AddPopulation("in", 1, new SpikeTimesSource([[50.0, 50.0 + secondMs]]))
                .AddPopulation("n", 1, MottNeuristor.RegularSpiking)
                .Connect("in", "n", Connectivity.OneToOne(), 0.6, 1.0, "input")
                .Build();
            (double[] times, int[] ids) = TestNetworks.Run(net, 250);
            return times.Where((_, k) => ids[k] == 1).ToArray();
        }

        // Arrivals at 51 ms and 51 + Δ ms: each suprathreshold pulse fires; inside the refractory period it does not.
        // (A suprathreshold pulse fires within a few µs of its arrival.)
        double[] close = Fired(3), apart = Fired(100);
        Assert.Contains(close, t => t >= 51 && t < 51.5);
        Assert.DoesNotContain(close, t => t >= 54 && t < 56);
        Assert.Contains(apart, t => t >= 151 && t < 151.5);
    }
}
