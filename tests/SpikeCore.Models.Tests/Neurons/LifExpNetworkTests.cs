using SpikeCore.Building;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Numerics;
using SpikeCore.Models.Sources;
using SpikeCore.Random;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests.Neurons;

public class LifExpNetworkTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Event_driven_network_matches_the_naive_reference(ulong seed)
    {
        const int N = 12, Inputs = 6;
        const double Duration = 300;
        var model = new LifExp { MembraneTauMs = 20, ExcitatoryTauMs = 5, InhibitoryTauMs = 10, RestMv = -60, ThresholdMv = -50, ResetMv = -65, RefractoryMs = 2 };
        var rng = KeyedRandom.Create(seed, 99, 0);

        var inputTimes = new List<double[]>();
        for (int i = 0; i < Inputs; i++)
        {
            var train = new List<double>();
            for (double t = 1000 * rng.NextExponential() / 120; t < Duration; t += 1000 * rng.NextExponential() / 120)
            {
                train.Add(Math.Round(t, 3));
            }

            inputTimes.Add(train.ToArray());
        }

        var synapses = new List<(int Source, int Target, double Weight, double Delay, int Receptor)>();
        var builder = new NetworkBuilder(seed)
            .AddPopulation("in", Inputs, new SpikeTimesSource(inputTimes))
            .AddPopulation("n", N, model, p => p.WithInitial("v_mv", Distribution.FromValues(Enumerable.Range(0, N).Select(i => -60.0 + 0.5 * i))));
        void Add(string from, int offset, int sources, int receptor, double low, double high)
        {
            var src = new List<int>();
            var dst = new List<int>();
            var w = new List<double>();
            var d = new List<double>();
            for (int s = 0; s < sources; s++)
            {
                for (int t = 0; t < N; t++)
                {
                    if (rng.NextDouble() < 0.4)
                    {
                        double weight = Math.Round(low + (high - low) * rng.NextDouble(), 2);
                        double delay = 0.1 * (1 + rng.NextInt(20));
                        src.Add(s);
                        dst.Add(t);
                        w.Add(weight);
                        d.Add(delay);
                        synapses.Add((s + offset, t, (float)weight, Math.Round(delay / 0.1) * 0.1, receptor));
                    }
                }
            }

            builder.Connect(from, "n", Connectivity.Explicit(src, dst), Distribution.FromValues(w), Distribution.FromValues(d), receptor == 0 ? "excitatory" : "inhibitory");
        }

        Add("in", N, Inputs, 0, 8, 16);
        Add("n", 0, N / 2, 0, 2, 6);
        builder.Connect(new ProjectionSpec("n", "n", Connectivity.AllToAll(), 0, 0.1, "inhibitory")); // zero weights: exercise a block that changes nothing
        var inhSrc = new List<int>();
        var inhDst = new List<int>();
        var inhW = new List<double>();
        for (int s = N / 2; s < N; s++)
        {
            for (int t = 0; t < N; t++)
            {
                if (rng.NextDouble() < 0.4)
                {
                    inhSrc.Add(s);
                    inhDst.Add(t);
                    double weight = Math.Round(-8 * rng.NextDouble(), 2);
                    inhW.Add(weight);
                    synapses.Add((s, t, (float)weight, 0.5, 1));
                }
            }
        }

        builder.Connect("n", "n", Connectivity.Explicit(inhSrc, inhDst), Distribution.FromValues(inhW), 0.5, "inhibitory");
        (double[] times, int[] neurons) = TestNetworks.Run(builder.Build(), Duration);

        var naive = new NaiveLifNetwork(N, 20, 5, 10, -60, -50, -65, 2, Enumerable.Range(0, N).Select(i => -60.0 + 0.5 * i).ToArray(), synapses);
        for (int i = 0; i < Inputs; i++)
        {
            foreach (double t in inputTimes[i])
            {
                naive.External(N + i, t);
            }
        }

        naive.Run(Duration);
        var engineSpikes = times.Zip(neurons).Where(x => x.Second >= Inputs).Select(x => (x.First, x.Second - Inputs)).ToList();
        Assert.True(naive.Spikes.Count > 20, $"too few spikes ({naive.Spikes.Count}) to compare");
        Assert.Equal(naive.Spikes.Count, engineSpikes.Count);
        for (int k = 0; k < engineSpikes.Count; k++)
        {
            Assert.Equal(naive.Spikes[k].Neuron, engineSpikes[k].Item2);
            Assert.Equal(naive.Spikes[k].Time, engineSpikes[k].First, 1e-7);
        }
    }

    /// <summary>
    /// A window's sweep proves its neurons a register at a time: 512-bit registers, 256-bit ones and one by one give CUBA
    /// the spikes of the emitter heap, which sweeps nothing, to the bit. 4,017 neurons: the 3,213 excitatory ones end in
    /// a partial register at either width (5 of 8 lanes, 1 of 4), which the sweep takes one by one.
    /// </summary>
    [Fact]
    public void Sweeps_in_any_register_width_give_the_heaps_spikes()
    {
        (ulong Hash, long Spikes) Run(SchedulerMode scheduler, LaneWidth width)
        {
            NetworkSpec cuba = SpikeCore.Networks.BenchmarkNetworks.Cuba(seed: 3, neurons: 4017).Spec;
            cuba = cuba with { Populations = [.. cuba.Populations.Select(x => x with { Model = ((LifExp)x.Model) with { SweepWidth = width } })] };
            using var sim = new Simulation(NetworkBuilder.FromSpec(cuba).Build(), new SimulationOptions { Scheduler = scheduler });
            sim.Run(300);
            return (sim.Statistics.SpikeHash, sim.Statistics.Spikes);
        }

        (ulong heap, long spikes) = Run(SchedulerMode.Events, LaneWidth.Scalar);
        Assert.True(spikes > 3000, $"{spikes} spikes");
        Assert.Equal(heap, Run(SchedulerMode.Windows, LaneWidth.Bits512).Hash);
        Assert.Equal(heap, Run(SchedulerMode.Windows, LaneWidth.Bits256).Hash);
        Assert.Equal(heap, Run(SchedulerMode.Windows, LaneWidth.Scalar).Hash);
    }
}
