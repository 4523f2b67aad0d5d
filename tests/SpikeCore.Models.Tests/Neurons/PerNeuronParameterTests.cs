using SpikeCore;
using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Neurons.Channels;
using SpikeCore.Models.Neurons.Memristive;
using SpikeCore.Models.Serialization;
using SpikeCore.Models.Sources;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests.Neurons;

/// <summary>Parameters drawn per neuron (as NEST allows), model by model.</summary>
public class PerNeuronParameterTests
{
    private const double DriveMv = 15; // R·I: V∞ = E_L + 15 mV = −45 mV, above every threshold drawn below

    private static NetworkBuilder Drawn(Distribution thresholdMv, Distribution resetMv, Distribution refractoryMs, int size = 20, NeuronModel? model = null) => new NetworkBuilder(seed: 4)
        .AddPopulation("n", size, model ?? LifExp.Default, p => p.WithPerNeuron("threshold_mv", thresholdMv).WithPerNeuron("reset_mv", resetMv).WithPerNeuron("refractory_ms", refractoryMs))
        .InjectCurrent(new CurrentInjection("n", [0.0], [model is LifCondExp c ? DriveMv * c.LeakConductanceNs : DriveMv])); // mV for lif_exp, pA for lif_cond_exp

    [Theory]
    [InlineData("lif_exp")]
    [InlineData("lif_cond_exp")] // clocked, but exact for constant coefficients, with the crossing and the clamp's end located inside the step
    public void Each_neuron_fires_at_the_closed_form_time_of_its_own_threshold_reset_and_refractory_period(string name)
    {
        // From rest under a current giving V∞ = E_L + 15 mV: first crossing t1 = τ ln(15 / (15 − (θ − E_L))); after a
        // spike the clamp holds V_reset for t_ref, then V rises from V_reset: t2 − t1 = t_ref + τ ln((V∞ − V_reset) / (V∞ − θ)).
        NeuronModel model = name == "lif_exp" ? LifExp.Default : LifCondExp.Default;
        (double tau, double rest) = model is LifCondExp c ? (c.CapacitancePf / c.LeakConductanceNs, c.RestMv) : (LifExp.Default.MembraneTauMs, LifExp.Default.RestMv);
        Network net = Drawn(Distribution.Uniform(-55, -47), Distribution.Uniform(-70, -60), Distribution.Uniform(0, 5), model: model).Build();
        using var sim = new Simulation(net);
        sim.Run(300);
        double[] times = sim.Spikes!.TimesMs();
        int[] ids = sim.Spikes.Neurons();
        double vInf = rest + DriveMv;
        double[] thresholds = net.PerNeuronValues[0]["threshold_mv"], resets = net.PerNeuronValues[0]["reset_mv"], refractory = net.PerNeuronValues[0]["refractory_ms"];
        Assert.True(thresholds.Distinct().Count() == 20 && thresholds.All(t => t is >= -55 and < -47));
        for (int j = 0; j < 20; j++)
        {
            double[] own = [.. times.Where((_, k) => ids[k] == j)];
            double first = tau * Math.Log(DriveMv / (DriveMv - (thresholds[j] - rest)));
            double interval = refractory[j] + (tau * Math.Log((vInf - resets[j]) / (vInf - thresholds[j])));
            Assert.True(own.Length >= 3, $"neuron {j}: {own.Length} spikes");
            Assert.Equal(first, own[0], 1e-9);
            Assert.Equal(interval, own[1] - own[0], 1e-9);
            Assert.Equal(interval, own[2] - own[1], 1e-9);
        }
    }

    [Fact]
    public void Drawn_parameters_give_the_same_spikes_on_any_partition_count_and_through_a_network_file()
    {
        NetworkSpec spec = Drawn(Distribution.Uniform(-55, -47), Distribution.Normal(-65, 1), Distribution.FromValues(Enumerable.Range(0, 40).Select(i => i % 4 * 0.5)), size: 40)
            .Connect("n", "n", Connectivity.Bernoulli(0.2), 0.8, 1.0, "excitatory").Spec;
        ulong Hash(NetworkSpec s, int threads, int partitions)
        {
            using var sim = new Simulation(NetworkBuilder.FromSpec(s).Build(), new SimulationOptions { Threads = threads, Partitions = partitions });
            sim.Run(200);
            return sim.Statistics.SpikeHash;
        }

        ulong single = Hash(spec, 1, 1);
        Assert.Equal(single, Hash(spec, 2, 3));
        string json = NetworkFile.ToJson(spec);
        Assert.Contains("\"per_neuron\"", json, StringComparison.Ordinal);
        Assert.Equal(single, Hash(NetworkFile.Parse(json, "drawn.json"), 1, 1));
        Assert.NotEqual(single, Hash(spec with { Seed = 5 }, 1, 1)); // the draws depend on the seed
    }

    [Fact]
    public void Parameters_a_model_cannot_take_per_neuron_and_draws_that_break_a_rule_are_refused_by_name()
    {
        var e = Assert.Throws<NetworkValidationException>(() => new NetworkBuilder()
            .AddPopulation("n", 3, LifExp.Default, p => p.WithPerNeuron("membrane_tau_ms", Distribution.Uniform(10, 20)))
            .Build());
        Assert.Contains("populations[0] 'n'.per_neuron.membrane_tau_ms: model 'lif_exp' does not take 'membrane_tau_ms' per neuron (it does: threshold_mv, reset_mv, refractory_ms)", e.Message, StringComparison.Ordinal);

        var rule = Assert.Throws<NetworkValidationException>(() => Drawn(Distribution.FromValues([-50.0, -52, -54]), Distribution.FromValues([-60.0, -51, -70]), 2.0, size: 3).Build());
        Assert.Contains("populations[0] 'n'.lif_exp.reset_mv: neuron 1 has -51, which must be below its threshold_mv (-52)", rule.Message, StringComparison.Ordinal);

        var negative = Assert.Throws<NetworkValidationException>(() => Drawn(-50.0, -60.0, Distribution.Normal(1, 2), size: 50).Build());
        Assert.Contains("refractory_ms (neuron", negative.Message, StringComparison.Ordinal);
        Assert.Contains("must be a finite number >= 0", negative.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hh")]
    [InlineData("traub_miles")]
    public void Hh_neurons_with_their_own_detection_level_and_refractory_period_spike_as_the_model_with_those_values(string name)
    {
        // Four identical driven cells, each detecting spikes at its own level and refractory period, against four
        // separate runs of the model with that value as its parameter: the same spike times, bit for bit.
        ChannelNeuronModel model = name == "hh" ? HodgkinHuxley.Default : TraubMiles.Default;
        double current = name == "hh" ? 10 : 400; // µA/cm² and pA: regular firing
        double[] detection = [-30, -20, -10, 0], refractory = [0.5, 2, 4, 8];
        static double[] Spikes(NeuronModel m, double current, int size, Func<PopulationSpec, PopulationSpec>? configure = null)
        {
            using var sim = new Simulation(new NetworkBuilder().AddPopulation("n", size, m, configure).InjectCurrent(new CurrentInjection("n", [0.0], [current])).Build());
            sim.Run(60);
            return sim.Spikes!.TimesMs();
        }

        double[] together = Spikes(model, current, 4, p => p.WithPerNeuron("detection_mv", Distribution.FromValues(detection)).WithPerNeuron("refractory_ms", Distribution.FromValues(refractory)));
        var expected = new List<double>();
        for (int j = 0; j < 4; j++)
        {
            double[] alone = Spikes(model with { DetectionMv = detection[j], RefractoryMs = refractory[j] }, current, 1);
            Assert.True(alone.Length >= 2, $"{name} at {detection[j]} mV: {alone.Length} spikes");
            expected.AddRange(alone);
        }

        Assert.Equal(expected.Order(), together.Order());
        Assert.True(together.Distinct().Count() > together.Length / 2, "the levels give different times");
    }

    /// <summary>The spikes of <paramref name="size"/> cells of <paramref name="model"/> driven alike: by a current, or by a source of input pulses on every cell.</summary>
    private static (double[] Times, int[] Neurons) DrivenSpikes(NeuronModel model, int size, double current, Func<PopulationSpec, PopulationSpec>? configure = null)
    {
        var b = new NetworkBuilder(seed: 8).AddPopulation("n", size, model, configure);
        b = model.Receptors.Contains("input") && model is PcmNeuron
            ? b.AddPopulation("pulses", 1, new SpikeTimesSource([Enumerable.Range(1, 60).Select(k => k * 1.0)])).Connect("pulses", "n", Connectivity.AllToAll(), current, 0.5, "input")
            : b.InjectCurrent(new CurrentInjection("n", [0.0], [current]));
        using var sim = new Simulation(b.Build());
        sim.Run(60);
        return (sim.Spikes!.TimesMs(), sim.Spikes.Neurons());
    }

    public static TheoryData<string> DeterministicModels => ["lif_adapt", "threshold_switch", "pcm_neuron", "mott_neuristor"];

    [Theory]
    [MemberData(nameof(DeterministicModels))]
    public void Cells_with_their_own_values_spike_bit_for_bit_as_separate_runs_of_the_model_with_those_values(string name)
    {
        // Four cells driven alike, each with its own values of every parameter the model takes per neuron, against four
        // one-cell runs of the model with those values as its parameters (noise off where the model has any).
        (NeuronModel model, double drive, string[] parameters, double[][] values, Func<int, NeuronModel> alone) = name switch
        {
            "lif_adapt" => ((NeuronModel)LifAdapt.Default, 15.0, new[] { "threshold_mv", "reset_mv", "refractory_ms", "adaptation_mv" },
                new[] { new[] { -55.0, -52, -50, -51 }, [-70.0, -65, -60, -58], [0.0, 1, 2.5, 5], [0.0, 0.2, 0.5, 0.8] },
                (Func<int, NeuronModel>)(j => LifAdapt.Default with { Neuron = LifExp.Default with { ThresholdMv = new[] { -55.0, -52, -50, -51 }[j], ResetMv = new[] { -70.0, -65, -60, -58 }[j], RefractoryMs = new[] { 0.0, 1, 2.5, 5 }[j] }, AdaptationMv = new[] { 0.0, 0.2, 0.5, 0.8 }[j] })),
            "threshold_switch" => (new ThresholdSwitchNeuron(), 0.2, new[] { "threshold_v", "hold_v" },
                new[] { new[] { 0.3, 0.5, 0.8, 1.2 }, [0.05, 0.1, 0.3, 0.2] },
                j => new ThresholdSwitchNeuron { ThresholdV = new[] { 0.3, 0.5, 0.8, 1.2 }[j], HoldV = new[] { 0.05, 0.1, 0.3, 0.2 }[j] }),
            "mott_neuristor" => (MottNeuristor.RegularSpiking, 0.03, new[] { "channel1_capacitance_uf", "channel2_capacitance_uf" },
                new[] { new[] { 1.0, 1, 0.3, 0.6 }, [3.0, 0.9, 1, 2] }, // regular, chattering, fast spiking, between
                j => MottNeuristor.RegularSpiking with { Channel1CapacitanceUf = new[] { 1.0, 1, 0.3, 0.6 }[j], Channel2CapacitanceUf = new[] { 3.0, 0.9, 1, 2 }[j] }),
            _ => (new PcmNeuron { StepNoise = 0, ResetNoise = 0 }, 1.0, new[] { "crystallisation_step", "firing_fraction" },
                new[] { new[] { 0.1, 0.15, 0.3, 0.05 }, [1.0, 0.9, 0.7, 0.6] },
                j => new PcmNeuron { StepNoise = 0, ResetNoise = 0, CrystallisationStep = new[] { 0.1, 0.15, 0.3, 0.05 }[j], FiringFraction = new[] { 1.0, 0.9, 0.7, 0.6 }[j] }),
        };
        Assert.Equal(parameters, model.PerNeuronParameters);
        (double[] times, int[] ids) = DrivenSpikes(model, 4, drive, p => parameters.Select((x, k) => (x, k)).Aggregate(p, (q, e) => q.WithPerNeuron(e.x, Distribution.FromValues(values[e.k]))));
        for (int j = 0; j < 4; j++)
        {
            double[] own = [.. times.Where((_, k) => ids[k] == j)];
            (double[] alone1, int[] aloneIds) = DrivenSpikes(alone(j), 1, drive);
            double[] single = [.. alone1.Where((_, k) => aloneIds[k] == 0)];
            Assert.True(single.Length >= 2, $"{name} cell {j}: {single.Length} spikes");
            Assert.Equal(single, own);
        }

        Assert.True(Enumerable.Range(1, 3).All(j => !times.Where((_, k) => ids[k] == j).SequenceEqual(times.Where((_, k) => ids[k] == 0))), "the values give different trains");
    }

    [Fact]
    public void A_poisson_train_with_its_own_rate_scale_is_the_same_train_on_a_compressed_time_axis()
    {
        // Time rescaling: neuron i's k-th spike closes Exp(1) budgets summing to Λ = r s t, so on a constant rate its
        // times under scale s are its times under scale 1 divided by s (its own stream draws the same budgets); scale 0 is silent.
        double[] scales = [1, 2, 0.5, 0];
        (double[] Times, int[] Neurons) Run(Func<PopulationSpec, PopulationSpec>? configure, double durationMs)
        {
            using var sim = new Simulation(new NetworkBuilder(seed: 3).AddPopulation("p", 4, PoissonSource.Constant(200), configure).Build());
            sim.Run(durationMs);
            return (sim.Spikes!.TimesMs(), sim.Spikes.Neurons());
        }

        (double[] plain, int[] plainIds) = Run(null, 1000); // covers scale 2's 500 ms
        (double[] scaled, int[] scaledIds) = Run(p => p.WithPerNeuron("rate_scale", Distribution.FromValues(scales)), 500);
        Assert.DoesNotContain(3, scaledIds);
        for (int j = 0; j < 3; j++)
        {
            double[] reference = [.. plain.Where((_, k) => plainIds[k] == j).Select(t => t / scales[j]).Where(t => t < 500)];
            double[] own = [.. scaled.Where((_, k) => scaledIds[k] == j)];
            Assert.True(reference.Length > 20, $"neuron {j}: {reference.Length} spikes");
            Assert.Equal(reference.Length, own.Length);
            for (int k = 0; k < own.Length; k++)
            {
                Assert.Equal(reference[k], own[k], 1e-9 * Math.Max(1, reference[k]));
            }
        }
    }
}
