using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Models.Synapses;
using SpikeCore.Random;
using SpikeCore.Recording;
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
        LiquidResponse r = Run(liquid, inputSpikesMs, durationMs, sampleEveryMs: null);
        var counts = new double[segments * r.Size];
        for (int k = 0; k < r.SpikeTimesMs.Length; k++)
        {
            counts[(Math.Min(segments - 1, (int)(r.SpikeTimesMs[k] / durationMs * segments)) * r.Size) + r.SpikeNeurons[k]]++;
        }

        return counts;
    }

    /// <summary>
    /// Runs the liquid on one input: its spikes and, when <paramref name="sampleEveryMs"/> is given, every reservoir
    /// neuron's membrane potential at t = k·<paramref name="sampleEveryMs"/> for k = 1, 2, ... up to the duration.
    /// </summary>
    public static LiquidResponse Run(Network liquid, IReadOnlyList<IReadOnlyList<double>> inputSpikesMs, double durationMs, double? sampleEveryMs)
    {
        ArgumentNullException.ThrowIfNull(liquid);
        ArgumentNullException.ThrowIfNull(inputSpikesMs);
        var options = new SimulationOptions
        {
            ReplaceModels = new Dictionary<string, NeuronModel> { ["input"] = new SpikeTimesSource(inputSpikesMs.Select(t => t.Order())) },
        };
        using var sim = new Simulation(liquid, options);
        StateRecorder[] recorders = [];
        int samples = 0;
        double runMs = durationMs;
        if (sampleEveryMs is { } interval)
        {
            recorders = [.. liquid.Populations.Skip(1).Select(p => sim.RecordState(p.Name, Enumerable.Range(0, p.Size), "v_mv", interval))];
            samples = (int)Math.Floor((durationMs / interval) + 1e-9);
            runMs += interval / 2; // the last sample falls inside the run
        }

        sim.Run(runMs);
        int inputs = inputSpikesMs.Count; // the input population comes first
        double[] times = sim.Spikes!.TimesMs();
        int[] ids = sim.Spikes.Neurons();
        int[] keep = Enumerable.Range(0, times.Length).Where(k => ids[k] >= inputs && times[k] < durationMs).ToArray();
        int size = liquid.NeuronCount - inputs;
        double[][]? membrane = null;
        if (samples > 0)
        {
            membrane = new double[samples][];
            for (int s = 0; s < samples; s++)
            {
                double[] row = membrane[s] = new double[size];
                int offset = 0;
                foreach (StateRecorder r in recorders)
                {
                    for (int j = 0; j < r.Neurons.Count; j++)
                    {
                        row[offset + j] = r.Value(s + 1, j); // sample 0 is t = 0
                    }

                    offset += r.Neurons.Count;
                }
            }
        }

        return new LiquidResponse(keep.Select(k => times[k]).ToArray(), keep.Select(k => ids[k] - inputs).ToArray(), size, membrane);
    }

    /// <summary>
    /// The liquid: <paramref name="inputChannels"/> input channels (silent; each simulation supplies its own spikes),
    /// then the E and I populations placed at random grid points ("E" and "I", or "E0".."E{G−1}" and "I0".. when
    /// <see cref="LsmOptions.TimeConstantGroups"/> G &gt; 1). Its structure depends on <paramref name="seed"/> only.
    /// </summary>
    public static NetworkBuilder Build(LsmOptions options, int inputChannels, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n = options.Size, excitatory = (int)Math.Round(n * options.ExcitatoryFraction), groups = options.TimeConstantGroups;
        int[] order = Shuffled(n, seed);
        double[] Positions(IEnumerable<int> points) => points.SelectMany(p => new double[]
        {
            p % options.GridX, p / options.GridX % options.GridY, p / (options.GridX * options.GridY),
        }).ToArray();

        var builder = new NetworkBuilder(seed).WithDelayResolution(0.1)
            .AddPopulation("input", inputChannels, new SpikeTimesSource(Enumerable.Range(0, inputChannels).Select(_ => Array.Empty<double>())));
        var e = new List<string>();
        var i = new List<string>();
        for (int g = 0; g < groups; g++)
        {
            LifExp neuron = options.Neuron with { MembraneTauMs = options.MembraneTauOfGroup(g) };
            int eFrom = g * excitatory / groups, eTo = (g + 1) * excitatory / groups;
            int iFrom = excitatory + (g * (n - excitatory) / groups), iTo = excitatory + ((g + 1) * (n - excitatory) / groups);
            string eName = groups == 1 ? "E" : $"E{g}", iName = groups == 1 ? "I" : $"I{g}";
            NeuronModel excitatoryModel = options.AdaptationMv > 0 ? new LifAdapt { Neuron = neuron, AdaptationMv = options.AdaptationMv, AdaptationTauMs = options.AdaptationTauMs } : neuron;
            builder.AddPopulation(eName, eTo - eFrom, excitatoryModel, p => p.WithPositions(Positions(order[eFrom..eTo]))
                    .WithInitial("v_mv", Distribution.Uniform(neuron.ResetMv, neuron.ThresholdMv)))
                .AddPopulation(iName, iTo - iFrom, neuron with { RefractoryMs = 2 }, p => p.WithPositions(Positions(order[iFrom..iTo]))
                    .WithInitial("v_mv", Distribution.Uniform(neuron.ResetMv, neuron.ThresholdMv)));
            e.Add(eName);
            i.Add(iName);
        }

        bool stp = options.ShortTermPlasticity;
        foreach (string from in e.Concat(i))
        {
            bool fromE = e.Contains(from);
            foreach (string to in e.Concat(i))
            {
                bool toE = e.Contains(to);
                (double c, double w, TsodyksMarkram preset) = (fromE, toE) switch
                {
                    (true, true) => (options.Connection.EE, options.Weight.EE, TsodyksMarkram.MaassEE),
                    (true, false) => (options.Connection.EI, options.Weight.EI, TsodyksMarkram.MaassEI),
                    (false, true) => (options.Connection.IE, options.Weight.IE, TsodyksMarkram.MaassIE),
                    _ => (options.Connection.II, options.Weight.II, TsodyksMarkram.MaassII),
                };
                Connectivity rule = Connectivity.DistanceDependent(c, options.Lambda);
                builder.Connect(from, to, from == to ? rule.WithAutapses(false) : rule, w * options.RecurrentScale, fromE && toE ? 1.5 : 0.8,
                    fromE ? "excitatory" : "inhibitory", stp ? preset : null);
            }
        }

        foreach (string to in e.Concat(i))
        {
            builder.Connect("input", to, Connectivity.Bernoulli(options.InputConnectivity), options.InputWeight, 1.0, "excitatory");
        }

        return builder;
    }

    private static int[] Shuffled(int n, ulong seed)
    {
        var rng = KeyedRandom.Create(seed, StreamPurpose.LiquidLayout, 0);
        int[] order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)(rng.NextDouble() * (i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
