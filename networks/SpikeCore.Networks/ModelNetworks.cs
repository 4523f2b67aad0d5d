using SpikeCore.Building;
using SpikeCore.Models.Devices;
using SpikeCore.Models.Neurons.Memristive;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Models.Synapses;
using SpikeCore.Random;

namespace SpikeCore.Networks;

/// <summary>Recipes that show the model library: learning, short-term dynamics, Hodgkin-Huxley and Mott-neuristor excitability.</summary>
public static class ModelNetworks
{
    /// <summary>Inputs of <see cref="StdpPattern"/>.</summary>
    public const int PatternInputs = 200;

    /// <summary>How many of them take part in the repeated pattern (the first ones).</summary>
    public const int PatternParticipants = 100;

    /// <summary>Length of the pattern.</summary>
    public const double PatternMs = 50;

    /// <summary>The pattern starts at 100 ms and then every this many ms.</summary>
    public const double PatternPeriodMs = 250;

    /// <summary>
    /// STDP learning a repeated input pattern (after Masquelier, Guyonneau and Thorpe 2008): 200 inputs fire as 10 Hz
    /// Poisson noise, except that every 250 ms the first 100 replay the same 50 ms pattern, one spike each at a fixed latency. One LIF neuron
    /// listens through additive STDP synapses whose weights (1.0 mV through W_max = 2 mV) run through an RRAM-like device
    /// (NeuroSim's RealDevice, stochastic pulse rounding). Depression slightly outweighs potentiation (α = 1.1), so inputs
    /// that are not part of the pattern lose weight and those that are gain it: the neuron comes to fire on the pattern.
    /// </summary>
    public static NetworkBuilder StdpPattern(ulong seed = 1, double durationMs = 8000)
    {
        var rng = KeyedRandom.Create(seed, 11, 0);
        var pattern = new List<double>[PatternParticipants];
        for (int i = 0; i < PatternParticipants; i++)
        {
            pattern[i] = [PatternMs * rng.NextDouble()];
        }

        var trains = new List<double>[PatternInputs];
        for (int i = 0; i < PatternInputs; i++)
        {
            trains[i] = [];
            for (double start = 0; start < durationMs; start += PatternPeriodMs)
            {
                double patternStart = start + 100;
                if (i < PatternParticipants && patternStart + PatternMs <= durationMs)
                {
                    trains[i].AddRange(Poisson(ref rng, 10, start, patternStart));
                    trains[i].AddRange(pattern[i].Select(t => patternStart + t));
                    trains[i].AddRange(Poisson(ref rng, 10, patternStart + PatternMs, Math.Min(start + PatternPeriodMs, durationMs)));
                }
                else
                {
                    trains[i].AddRange(Poisson(ref rng, 10, start, Math.Min(start + PatternPeriodMs, durationMs)));
                }
            }
        }

        var neuron = LifExp.Default with { MembraneTauMs = 10, ExcitatoryTauMs = 5, InhibitoryTauMs = 5, RestMv = -70, ThresholdMv = -57, ResetMv = -70, RefractoryMs = 2 };
        var rule = new Stdp
        {
            LearningRate = 0.05,
            Alpha = 1.15,
            MaxWeight = 2,
            Device = SaturatingExponentialDevice.RealDevice with { Rounding = PulseRounding.Stochastic },
        };
        return new NetworkBuilder(seed).WithDelayResolution(0.1)
            .AddPopulation("input", PatternInputs, new SpikeTimesSource(trains.Select(t => t.Select(x => Math.Round(x, 3)))))
            .AddPopulation("output", 1, neuron)
            .Connect("input", "output", Connectivity.AllToAll(), 1.0, 1.0, "excitatory", rule);
    }

    /// <summary>
    /// Short-term plasticity: a 20 Hz train of 10 spikes and a recovery spike 500 ms later reach two non-firing LIF
    /// neurons, one through a depressing and one through a facilitating Tsodyks-Markram synapse (MODELS.md presets), and a
    /// 40-neuron E/I network with the four Maass 2002 presets runs beside them on Poisson drive.
    /// </summary>
    public static NetworkBuilder Stp(ulong seed = 1)
    {
        double[] train = [.. Enumerable.Range(0, 10).Select(k => 50 + (50.0 * k)), 1000];
        var silent = LifExp.Default with { ThresholdMv = 1e6, MembraneTauMs = 20, ExcitatoryTauMs = 2 };
        var lif = LifExp.Default with { MembraneTauMs = 30, RestMv = -70, ThresholdMv = -55, ResetMv = -70, RefractoryMs = 3 };
        return new NetworkBuilder(seed).WithDelayResolution(0.1)
            .AddPopulation("train", 1, new SpikeTimesSource([train]))
            .AddPopulation("depressing", 1, silent)
            .AddPopulation("facilitating", 1, silent)
            .Connect("train", "depressing", Connectivity.AllToAll(), 10.0, 1.0, "excitatory", TsodyksMarkram.Depressing)
            .Connect("train", "facilitating", Connectivity.AllToAll(), 100.0, 1.0, "excitatory", TsodyksMarkram.Facilitating)
            .AddPopulation("drive", 40, PoissonSource.Constant(20))
            .AddPopulation("E", 32, lif, p => p.WithInitial("v_mv", Distribution.Uniform(-70, -56)))
            .AddPopulation("I", 8, lif, p => p.WithInitial("v_mv", Distribution.Uniform(-70, -56)))
            .Connect("drive", "E", Connectivity.FixedInDegree(8), 12.0, 1.0, "excitatory")
            .Connect("drive", "I", Connectivity.FixedInDegree(8), 12.0, 1.0, "excitatory")
            .Connect("E", "E", Connectivity.Bernoulli(0.3), 30.0, 1.5, "excitatory", TsodyksMarkram.MaassEE)
            .Connect("E", "I", Connectivity.Bernoulli(0.3), 60.0, 0.8, "excitatory", TsodyksMarkram.MaassEI)
            .Connect("I", "E", Connectivity.Bernoulli(0.3), -40.0, 0.8, "inhibitory", TsodyksMarkram.MaassIE)
            .Connect("I", "I", Connectivity.Bernoulli(0.3), -40.0, 0.8, "inhibitory", TsodyksMarkram.MaassII);
    }

    /// <summary>
    /// Squid-axon Hodgkin-Huxley neurons under current steps from rest (3, 6, 6.5, 10, 20, 50 µA/cm², 150 ms each,
    /// 50 ms at 0 between): a spike or two at onset, then rest, below 6.3 µA/cm², repetitive firing above at a finite rate (class 2),
    /// faster with more current. Steps start from rest because HH is bistable between about 6.3 and 9.8 µA/cm²: a small
    /// step up from 6 would stay at rest. Four neurons start at different voltages; RK4 at 0.01 ms.
    /// </summary>
    public static NetworkBuilder HhSteps(ulong seed = 1) =>
        new NetworkBuilder(seed)
            .AddPopulation("hh", 4, HodgkinHuxley.Default, p => p.WithInitial("v_mv", Distribution.FromValues([-65, -70, -60, -75])))
            .InjectCurrent(new CurrentInjection("hh",
                [0.0, 50, 200, 250, 400, 450, 600, 650, 800, 850, 1000, 1050, 1200],
                [0.0, 3, 0, 6, 0, 6.5, 0, 10, 0, 20, 0, 50, 0]));

    /// <summary>
    /// The Mott neuristor's three firing patterns side by side: one neuristor each of the regular-spiking, chattering and
    /// fast-spiking presets (they differ only in the two channel capacitances), all driven by 0.03 mA from 20 ms on.
    /// </summary>
    public static NetworkBuilder Neuristor(ulong seed = 1)
    {
        var builder = new NetworkBuilder(seed);
        foreach ((string name, MottNeuristor model) in new[]
        {
            ("regular_spiking", MottNeuristor.RegularSpiking), ("chattering", MottNeuristor.Chattering), ("fast_spiking", MottNeuristor.FastSpiking),
        })
        {
            builder.AddPopulation(name, 1, model).InjectCurrent(new CurrentInjection(name, [0.0, 20], [0.0, 0.03]));
        }

        return builder;
    }

    private static List<double> Poisson(ref KeyedRandom rng, double rateHz, double fromMs, double toMs)
    {
        var times = new List<double>();
        double t = fromMs;
        while (true)
        {
            t += rng.NextExponential() * 1000 / rateHz;
            if (t >= toMs)
            {
                return times;
            }

            times.Add(t);
        }
    }
}
