using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Devices;
using SpikeCore.Models.Neurons.Memristive;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Serialization;
using SpikeCore.Models.Sources;
using SpikeCore.Models.Synapses;
using SpikeCore.Parameters;

namespace SpikeCore.Models.Tests.Serialization;

public class NetworkFileTests
{
    private static NetworkBuilder Everything() => new NetworkBuilder(seed: ulong.MaxValue - 76)
        .WithDelayResolution(0.05)
        .AddPopulation("poisson", 20, PoissonSource.Steps([0.0, 50], [30.0, 60]))
        .AddPopulation("times", 2, new SpikeTimesSource([[1.0, 2.5], [3.25]]))
        .AddPopulation("E", 40, LifExp.Default with { RestMv = -55 }, p => p.WithInitial("v_mv", Distribution.Uniform(-60, -52)).OnGrid(4, 5, 2))
        .AddPopulation("C", 30, LifCondExp.Default with { StepMs = 0.05 }, p => p.WithInitial("g_exc_ns", Distribution.Normal(5, 1)))
        .Connect("poisson", "E", Connectivity.FixedInDegree(5), Distribution.Normal(8, 1), Distribution.Uniform(0.5, 2), "excitatory")
        .Connect("times", "E", Connectivity.AllToAll(), 12.0, 1.0, "voltage")
        .Connect("E", "E", Connectivity.DistanceDependent(0.8, 2).WithAutapses(false), 2.0, Distribution.Normal(1.5, 0.5), "excitatory")
        .Connect("E", "C", Connectivity.FixedOutDegree(3).WithMultapses(true), Distribution.FromValues(Enumerable.Range(0, 120).Select(i => 1.0 + i % 7)), 0.5, "excitatory")
        .Connect("C", "E", Connectivity.Bernoulli(0.3), -3.0, 0.1, "inhibitory")
        .Connect("C", "C", Connectivity.OneToOne(), 4.0, Distribution.FromValues(Enumerable.Range(0, 30).Select(i => 0.1 + 0.05 * i)), "inhibitory")
        .Connect("times", "C", Connectivity.Explicit([0, 1, 1], [3, 4, 5]), 20.0, 0.2, "excitatory")
        .AddPopulation("HH", 5, HodgkinHuxley.Default with { StepMs = 0.025 }, p => p.WithInitial("v_mv", Distribution.Uniform(-70, -60)))
        .AddPopulation("TM", 6, TraubMiles.Default with { Scheme = HhScheme.RungeKutta4, StepMs = 0.05 })
        .Connect("E", "HH", Connectivity.Bernoulli(0.5), 0.8, 1.0, "excitatory")
        .Connect("HH", "TM", Connectivity.AllToAll(), 30.0, 0.5, "inhibitory")
        .Connect("E", "TM", Connectivity.Bernoulli(0.4), 5.0, 1.0, "excitatory", TsodyksMarkram.MaassEI)
        .Connect("E", "E", Connectivity.Bernoulli(0.2), 1.0, 0.5, "excitatory",
            TsodyksMarkram.MaassEE with { U = Distribution.Normal(0.5, 0.25), RecoveryTauMs = Distribution.Uniform(500, 1500) })
        .Connect("poisson", "E", Connectivity.Bernoulli(0.3), 3.0, 0.5, "excitatory",
            new Stdp { MaxWeight = 6, Pairing = StdpPairing.Nearest, Device = SaturatingExponentialDevice.RealDevice with { CycleToCycleSigma = 0.01, DeviceToDeviceSigma = 0.1 } })
        .Connect("poisson", "C", Connectivity.Bernoulli(0.3), 2.0, 0.5, "excitatory",
            new TripletStdp { MaxWeight = 4, Device = new LookupTableDevice([0.5, 2, 3, 3.5], [3.5, 2, 1, 0.5]) with { Rounding = PulseRounding.Stochastic } })
        .AddPopulation("TS", 4, new ThresholdSwitchNeuron { MeanSwitchingDelayMs = 0.5 })
        .AddPopulation("PCM", 4, new PcmNeuron { StepNoise = 0.3 })
        .AddPopulation("MOTT", 2, MottNeuristor.Chattering with { StepMs = 0.01 })
        .AddPopulation("ADAPT", 3, LifAdapt.Default with { AdaptationMv = 2.5, StepMs = 0.05 })
        .Connect("E", "ADAPT", Connectivity.Bernoulli(0.5), 4.0, 1.0, "excitatory")
        .Connect("poisson", "MOTT", Connectivity.AllToAll(), 0.3, 1.0, "input")
        .Connect("poisson", "TS", Connectivity.FixedInDegree(3), 0.2, 1.0, "input", new DiffusiveMemristor { StochasticRupture = true, SeriesDrift = new DriftMemristor { RatePerS = 5 } })
        .Connect("poisson", "PCM", Connectivity.FixedInDegree(3), 1.0, 1.0, "input", new BinaryPcmStdp { DriftNu = 0.05 })
        .Connect("poisson", "HH", Connectivity.FixedInDegree(2), 0.5, 1.0, "excitatory", new SecondOrderMemristor { ThermalTauMs = 5 })
        .InjectCurrent(new CurrentInjection("TS", [0.0], [0.06]))
        .InjectCurrent(new CurrentInjection("HH", [0.0], [8.0]))
        .InjectCurrent(new CurrentInjection("C", [0.0, 40.0], [50.0, 0.0]));

    [Fact]
    public void A_network_using_every_feature_round_trips_to_the_identical_simulation()
    {
        NetworkSpec original = Everything().Spec;
        string json = NetworkFile.ToJson(original);
        NetworkSpec read = NetworkFile.Parse(json);
        Assert.Equal(json, NetworkFile.ToJson(read));

        Network a = NetworkBuilder.FromSpec(original).Build();
        Network b = NetworkBuilder.FromSpec(read).Build();
        Assert.Equal(a.Synapses.Target, b.Synapses.Target);
        Assert.Equal(a.Synapses.Weight, b.Synapses.Weight);
        Assert.Equal(a.Synapses.BlockDelayMs, b.Synapses.BlockDelayMs);
        (double[] ta, int[] na) = TestNetworks.Run(a, 150);
        (double[] tb, int[] nb) = TestNetworks.Run(b, 150);
        Assert.True(ta.Length > 100);
        Assert.Equal(ta, tb);
        Assert.Equal(na, nb);
    }

    [Theory]
    [InlineData("{ \"format\": ", "not valid JSON (line 1")]
    [InlineData("[1, 2]", "$: expected an object, got array")]
    public void Malformed_files_get_a_clear_error(string json, string fragment)
    {
        var e = Assert.Throws<NetworkValidationException>(() => NetworkFile.Parse(json, "broken.json"));
        Assert.Contains(e.Errors, m => m.Contains(fragment, StringComparison.Ordinal) && m.StartsWith("broken.json", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"model\": \"lif_exp\"", "\"model\": \"lif_xyz\"", "populations[0].model: unknown model 'lif_xyz' (known: hh, lif_adapt, lif_cond_exp, lif_exp, mott_neuristor, pcm_neuron, poisson, spike_times, threshold_switch, traub_miles)")]
    [InlineData("\"size\": 3200", "\"size\": \"3200\"", "populations[0].size: expected an integer, got the string \"3200\"")]
    [InlineData("\"membrane_tau_ms\": 20", "\"membrane_tau_ms\": NaN", "not valid JSON")]
    [InlineData("\"membrane_tau_ms\": 20", "\"membrane_tau_ms\": \"NaN\"", "membrane_tau_ms: expected a number, got the string \"NaN\"")]
    [InlineData("\"membrane_tau_ms\": 20", "\"membrane_tau_ms\": 1e999", "membrane_tau_ms: must be a finite number (got 1e999)")]
    [InlineData("\"membrane_tau_ms\": 20", "\"membrane_tau_ms\": 20, \"tau_mem\": 3", "populations[0].parameters.tau_mem: unknown field")]
    [InlineData("\"type\": \"bernoulli\"", "\"type\": \"gaussian\"", "rule.type: unknown rule 'gaussian'")]
    [InlineData("\"weight\": 1.62", "\"weight\": {\"lognormal\": [1, 2]}", "projections[0].weight: unknown distribution 'lognormal'")]
    [InlineData("\"version\": 1", "\"version\": 7", "$.version: this SpikeCore reads version 1, the file is version 7")]
    [InlineData("\"seed\": 1,", "\"seed\": -1,", "$.seed: expected an integer in [0, 2^64), got the number -1")]
    public void Invalid_fields_are_named_in_the_error(string find, string replace, string fragment)
    {
        AssertRefused(NetworkFile.ToJson(SpikeCore.Networks.BenchmarkNetworks.Cuba().Spec), find, replace, fragment);
    }

    /// <summary>Replaces the first <paramref name="find"/> of <paramref name="json"/> and expects the reader to name the problem.</summary>
    private static void AssertRefused(string json, string find, string replace, string fragment)
    {
        Assert.Contains(find, json, StringComparison.Ordinal);
        int at = json.IndexOf(find, StringComparison.Ordinal);
        string broken = json[..at] + replace + json[(at + find.Length)..];
        var e = Assert.Throws<NetworkValidationException>(() => NetworkFile.Parse(broken, "broken.json"));
        Assert.Contains(e.Errors, m => m.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void A_negative_time_constant_in_a_file_is_caught_by_build_with_its_name()
    {
        string json = NetworkFile.ToJson(SpikeCore.Networks.BenchmarkNetworks.Cuba().Spec).Replace("\"membrane_tau_ms\": 20", "\"membrane_tau_ms\": -20", StringComparison.Ordinal);
        NetworkSpec spec = NetworkFile.Parse(json);
        var e = Assert.Throws<NetworkValidationException>(() => NetworkBuilder.FromSpec(spec).Build());
        Assert.Contains(e.Errors, m => m.Contains("populations[0] 'E'.lif_exp.membrane_tau_ms: must be a finite number > 0 (got -20)", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.Contains("populations[1] 'I'.lif_exp.membrane_tau_ms", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"sources\": [0, 1]", "\"sources\": [0, 2.7]", "rule.sources[1]: expected an integer, got the number 2.7")]
    [InlineData("\"targets\": [1, 0]", "\"targets\": [1, 1e10]", "rule.targets[1]: expected an integer, got the number 1e10")]
    [InlineData("\"sources\": [0, 1]", "\"sources\": [0, \"1\"]", "rule.sources[1]: expected an integer, got the string \"1\"")]
    [InlineData("\"size\": 2", "\"size\": 2.5", "populations[0].size: expected an integer, got the number 2.5")]
    [InlineData("\"size\": 2", "\"size\": 3000000000", "populations[0].size: expected an integer, got the number 3000000000")]
    [InlineData("\"type\": \"explicit\"", "\"type\": \"fixed_in_degree\", \"k\": 1.5", "rule.k: expected an integer, got the number 1.5")]
    public void Indices_and_counts_that_are_not_integers_are_refused_never_truncated(string find, string replace, string fragment)
    {
        string json = NetworkFile.ToJson(new NetworkBuilder()
            .AddPopulation("a", 2, LifExp.Default)
            .Connect("a", "a", Connectivity.Explicit([0, 1], [1, 0]), 1.0, 1.0, "excitatory")
            .Spec);
        AssertRefused(System.Text.RegularExpressions.Regex.Replace(json, @"\[\s*(\d+),\s*(\d+)\s*\]", "[$1, $2]"), find, replace, fragment);
    }

    [Fact]
    public void Every_parameter_of_every_model_left_out_takes_its_default()
    {
        // One rule for every model: a file gives the parameters that differ from the model's default instance.
        ModelCatalog.Register();
        SpikeCore.Crossbar.Engine.CrossbarModels.Register(); // the array projection's model, registered by the Crossbar assembly
        foreach (string name in ModelRegistry.Names<NeuronModel>())
        {
            string json = """{"format": "spikecore-network", "version": 1, "seed": 1, "populations": [{"name": "a", "size": 1, "model": "NAME", "parameters": {}}], "projections": []}""".Replace("NAME", name, StringComparison.Ordinal);
            NeuronModel read = NetworkFile.Parse(json, name).Populations[0].Model;
            Assert.Equal(ModelRegistry.Find<NeuronModel>(name), read);
            string withoutParameters = json.Replace(", \"parameters\": {}", "", StringComparison.Ordinal);
            Assert.Equal(ModelRegistry.Find<NeuronModel>(name), NetworkFile.Parse(withoutParameters, name).Populations[0].Model);
        }

        foreach (string name in ModelRegistry.Names<SynapseModel>())
        {
            string json = """{"format": "spikecore-network", "version": 1, "seed": 1, "populations": [{"name": "a", "size": 1, "model": "lif_exp"}], "projections": [{"from": "a", "to": "a", "rule": {"type": "one_to_one"}, "weight": 1, "delay_ms": 1, "receptor": "excitatory", "synapse": {"model": "NAME"}}]}""".Replace("NAME", name, StringComparison.Ordinal);
            Assert.Equal(ModelRegistry.Find<SynapseModel>(name), NetworkFile.Parse(json, name).Projections[0].Synapse);
        }

        Assert.Equal(10, ModelRegistry.Names<NeuronModel>().Count);
        Assert.Equal(7, ModelRegistry.Names<SynapseModel>().Count);
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path()
    {
        var e = Assert.Throws<NetworkValidationException>(() => NetworkFile.Load("/nonexistent/net.json"));
        Assert.Contains("/nonexistent/net.json", e.Message, StringComparison.Ordinal);
    }
}
