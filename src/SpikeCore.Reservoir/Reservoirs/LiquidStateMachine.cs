using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Sources;
using SpikeCore.Models.Synapses;
using SpikeCore.Random;
using SpikeCore.Running;

namespace SpikeCore.Reservoir.Reservoirs;

/// <summary>Builds and runs a <see cref="LsmOptions"/> liquid for one input (a spike train per input channel).</summary>
public static class LiquidStateMachine
{
    /// <summary>
    /// Spike counts of every reservoir neuron in <paramref name="segments"/> equal segments of [0, <paramref name="durationMs"/>),
    /// segment-major, for one input (a spike train per channel). <paramref name="liquid"/> comes from <see cref="Build"/>
    /// and is shared by every input: only the input population's spike times are replaced, per simulation.
    /// </summary>
    public static double[] SegmentCounts(Network liquid, IReadOnlyList<IReadOnlyList<double>> inputSpikesMs, double durationMs, int segments)
    {
        ArgumentNullException.ThrowIfNull(liquid);
        ArgumentNullException.ThrowIfNull(inputSpikesMs);
        var options = new SimulationOptions
        {
            ReplaceModels = new Dictionary<string, NeuronModel> { ["input"] = new SpikeTimesSource(inputSpikesMs.Select(t => t.Order())) },
        };
        using var sim = new Simulation(liquid, options);
        sim.Run(durationMs);
        int inputs = inputSpikesMs.Count, n = liquid.NeuronCount - inputs;
        var counts = new double[segments * n];
        double[] times = sim.Spikes!.TimesMs();
        int[] ids = sim.Spikes.Neurons();
        for (int k = 0; k < times.Length; k++)
        {
            int neuron = ids[k] - inputs; // the input population comes first
            if (neuron >= 0)
            {
                counts[(Math.Min(segments - 1, (int)(times[k] / durationMs * segments)) * n) + neuron]++;
            }
        }

        return counts;
    }

    /// <summary>
    /// The liquid: <paramref name="inputChannels"/> input channels (silent; each simulation supplies its own spikes),
    /// then the E and I populations placed at random grid points. Its structure depends on <paramref name="seed"/> only.
    /// </summary>
    public static NetworkBuilder Build(LsmOptions options, int inputChannels, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        int n = options.Size, excitatory = (int)Math.Round(n * options.ExcitatoryFraction);
        int[] order = Shuffled(n, seed);
        double[] Positions(IEnumerable<int> points) => points.SelectMany(p => new double[]
        {
            p % options.GridX, p / options.GridX % options.GridY, p / (options.GridX * options.GridY),
        }).ToArray();

        var builder = new NetworkBuilder(seed).WithDelayResolution(0.1)
            .AddPopulation("input", inputChannels, new SpikeTimesSource(Enumerable.Range(0, inputChannels).Select(_ => Array.Empty<double>())))
            .AddPopulation("E", excitatory, options.Neuron, p => p.WithPositions(Positions(order.Take(excitatory)))
                .WithInitial("v_mv", Distribution.Uniform(options.Neuron.ResetMv, options.Neuron.ThresholdMv)))
            .AddPopulation("I", n - excitatory, options.Neuron with { RefractoryMs = 2 }, p => p.WithPositions(Positions(order.Skip(excitatory)))
                .WithInitial("v_mv", Distribution.Uniform(options.Neuron.ResetMv, options.Neuron.ThresholdMv)));
        bool stp = options.ShortTermPlasticity;
        builder.Connect("E", "E", Connectivity.DistanceDependent(options.Connection.EE, options.Lambda).WithAutapses(false), options.Weight.EE, 1.5, "excitatory", stp ? TsodyksMarkram.MaassEE : null)
            .Connect("E", "I", Connectivity.DistanceDependent(options.Connection.EI, options.Lambda), options.Weight.EI, 0.8, "excitatory", stp ? TsodyksMarkram.MaassEI : null)
            .Connect("I", "E", Connectivity.DistanceDependent(options.Connection.IE, options.Lambda), options.Weight.IE, 0.8, "inhibitory", stp ? TsodyksMarkram.MaassIE : null)
            .Connect("I", "I", Connectivity.DistanceDependent(options.Connection.II, options.Lambda).WithAutapses(false), options.Weight.II, 0.8, "inhibitory", stp ? TsodyksMarkram.MaassII : null)
            .Connect("input", "E", Connectivity.Bernoulli(options.InputConnectivity), options.InputWeight, 1.0, "excitatory")
            .Connect("input", "I", Connectivity.Bernoulli(options.InputConnectivity), options.InputWeight, 1.0, "excitatory");
        return builder;
    }

    private static int[] Shuffled(int n, ulong seed)
    {
        var rng = KeyedRandom.Create(seed, 31, 0);
        int[] order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)(rng.NextDouble() * (i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
