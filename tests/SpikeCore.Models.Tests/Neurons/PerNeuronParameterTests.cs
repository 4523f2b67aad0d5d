using SpikeCore;
using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Neurons.Channels;
using SpikeCore.Models.Serialization;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests.Neurons;

/// <summary>Parameters drawn per neuron (as NEST allows): the threshold, reset and refractory period of lif_exp and lif_cond_exp.</summary>
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
}
