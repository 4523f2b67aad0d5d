using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Serialization;
using SpikeCore.Models.Sources;
using SpikeCore.Parameters;
using SpikeCore.Running;

namespace SpikeCore.Extensions.Tests;

/// <summary>
/// A neuron model (AdEx) and a synapse model (stochastic release) from an assembly that only sees SpikeCore's public
/// API: they reproduce independent references, run in networks, on partitions bit-identically, through checkpoints
/// and through network files.
/// </summary>
public class ExternalModelTests
{
    static ExternalModelTests()
    {
        ModelRegistry.Register<NeuronModel>(new AdExNeuron());
        ModelRegistry.Register<SynapseModel>(new StochasticRelease());
    }

    private static double[] SpikeTimes(Network net, double durationMs)
    {
        using var sim = new Simulation(net);
        sim.Run(durationMs);
        return sim.Spikes!.TimesMs();
    }

    private static Network Driven(AdExNeuron model, double currentPa) => new NetworkBuilder()
        .AddPopulation("n", 1, model)
        .InjectCurrent(new CurrentInjection("n", [0.0], [currentPa]))
        .Build();

    [Fact]
    public void Without_adaptation_and_with_a_sharp_exponential_it_fires_as_the_lif_closed_form()
    {
        // a = b = 0 and Δ_T → 0: a LIF with threshold V_T. Under I from rest, V(t) = E_L + (I/g_L)(1 − e^(−t/τ)), so
        // it crosses V_T at t* = τ ln((I/g_L) / (I/g_L − (V_T − E_L))) and, reset to E_L, again every t*.
        var model = new AdExNeuron { SubthresholdAdaptationNs = 0, SpikeAdaptationPa = 0, SlopeFactorMv = 0.001 };
        const double CurrentPa = 1000;
        double tau = model.CapacitancePf / model.LeakConductanceNs, drive = CurrentPa / model.LeakConductanceNs;
        double expected = tau * Math.Log(drive / (drive - (model.ThresholdMv - model.RestMv)));
        double[] times = SpikeTimes(Driven(model, CurrentPa), 100);
        Assert.Equal(11, times.Length); // 100 ms / 8.72 ms
        for (int k = 0; k < times.Length; k++)
        {
            // Spikes are on the 0.01 ms grid and the blow-up from V_T to V_peak takes < 0.01 ms at Δ_T = 1 µV: at most two steps late.
            double error = times[k] - ((k + 1) * expected);
            Assert.InRange(error, -1e-9, (k + 1) * 0.02);
        }
    }

    /// <summary>The same equations by forward Euler on a step 20 times smaller, spikes on its own grid: an independent reference.</summary>
    private static List<double> NaiveAdEx(AdExNeuron p, double currentPa, double durationMs, double stepMs)
    {
        var spikes = new List<double>();
        double v = p.RestMv, w = 0;
        long steps = (long)Math.Round(durationMs / stepMs);
        for (long k = 1; k <= steps; k++)
        {
            double exponential = p.LeakConductanceNs * p.SlopeFactorMv * Math.Exp(Math.Min((v - p.ThresholdMv) / p.SlopeFactorMv, 50));
            double dv = ((-p.LeakConductanceNs * (v - p.RestMv)) + exponential - w + currentPa) / p.CapacitancePf;
            double dw = ((p.SubthresholdAdaptationNs * (v - p.RestMv)) - w) / p.AdaptationTauMs;
            v += stepMs * dv;
            w += stepMs * dw;
            if (v >= p.PeakMv)
            {
                v = p.ResetMv;
                w += p.SpikeAdaptationPa;
                spikes.Add(k * stepMs);
            }
        }

        return spikes;
    }

    [Fact]
    public void With_adaptation_it_converges_to_a_naive_fine_step_integration_and_its_intervals_lengthen()
    {
        // The regular-spiking cell of Brette & Gerstner 2005 under 800 pA: five spikes in 200 ms, intervals growing.
        // Spikes and resets on the step grid make the error first order in h; the reference (forward Euler, 2e-5 ms)
        // is itself within ~1e-3 ms of converged.
        var model = new AdExNeuron();
        List<double> reference = NaiveAdEx(model, 800, 200, 2e-5);
        double[] coarse = SpikeTimes(Driven(model, 800), 200);
        double[] fine = SpikeTimes(Driven(model with { StepMs = 0.001 }, 800), 200);
        Assert.Equal(5, reference.Count);
        Assert.Equal(reference.Count, coarse.Length);
        Assert.Equal(reference.Count, fine.Length);
        double coarseError = coarse.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
        double fineError = fine.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(fineError < 0.02, $"h = 0.001 ms: {fineError} ms from the reference");
        Assert.True(coarseError < 0.2 && coarseError > 4 * fineError, $"h = 0.01 ms: {coarseError} ms, h = 0.001 ms: {fineError} ms (first order)");

        double[] intervals = [.. reference.Skip(1).Select((t, k) => t - reference[k])];
        Assert.True(intervals.Zip(intervals.Skip(1)).All(p => p.Second > p.First), $"intervals {string.Join(", ", intervals.Select(i => i.ToString("F2")))} lengthen");
    }

    /// <summary>Poisson input through stochastic release onto AdEx neurons, which excite each other through static synapses.</summary>
    private static NetworkBuilder Circuit(double releaseProbability = 0.5) => new NetworkBuilder(seed: 11)
        .AddPopulation("in", 200, PoissonSource.Constant(20))
        .AddPopulation("adex", 60, new AdExNeuron(), p => p.WithInitial("v_mv", Distribution.Uniform(-70, -60)))
        .Connect("in", "adex", Connectivity.FixedOutDegree(6), 1000.0, Distribution.Uniform(0.5, 2), "current", new StochasticRelease { ReleaseProbability = releaseProbability })
        .Connect("adex", "adex", Connectivity.Bernoulli(0.1), 40.0, 1.0, "current");

    [Fact]
    public void In_a_network_the_release_fraction_is_p_and_the_neurons_fire()
    {
        Network net = Circuit().Build();
        using var sim = new Simulation(net);
        sim.Run(500);
        long releases = StochasticRelease.LastReleases.Sum();
        double[] times = sim.Spikes!.TimesMs();
        int[] neurons = sim.Spikes.Neurons();
        long arrivals = 6L * Enumerable.Range(0, times.Length).Count(k => neurons[k] < 200 && times[k] < 500 - 2); // each input spike reaches its 6 synapses within 2 ms
        double fraction = releases / (double)arrivals;
        Assert.InRange(fraction, 0.47, 0.53); // binomial sd at ~1.2·10^4 arrivals: 0.005
        Assert.True(neurons.Count(id => id >= 200) > 60, "the AdEx neurons fire");
    }

    [Fact]
    public void On_two_and_three_partitions_the_spikes_are_those_of_one()
    {
        Network net = Circuit().Build();
        ulong Hash(int threads, int partitions)
        {
            using var sim = new Simulation(net, new SimulationOptions { Threads = threads, Partitions = partitions });
            sim.Run(300);
            return sim.Statistics.SpikeHash;
        }

        ulong single = Hash(1, 1);
        Assert.Equal(single, Hash(2, 2));
        Assert.Equal(single, Hash(2, 3));
    }

    [Fact]
    public void A_checkpoint_resumes_the_run_bit_for_bit()
    {
        Network net = Circuit().Build();
        using var whole = new Simulation(net);
        whole.Run(300);
        string path = Path.Combine(Path.GetTempPath(), $"adex-{Environment.ProcessId}.spkc");
        try
        {
            using (var first = new Simulation(net))
            {
                first.Run(150);
                first.Save(path);
            }

            using Simulation resumed = Simulation.Load(path, net);
            resumed.Run(150);
            Assert.Equal(whole.Statistics.SpikeHash, resumed.Statistics.SpikeHash);
            Assert.Equal(whole.Spikes!.Count, resumed.Spikes!.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Network_files_write_read_and_default_the_external_models()
    {
        NetworkSpec spec = Circuit(releaseProbability: 0.3).Spec;
        string json = NetworkFile.ToJson(spec);
        Assert.Contains("\"model\": \"adex\"", json, StringComparison.Ordinal);
        Assert.Contains("\"slope_factor_mv\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"release_probability\": 0.3", json, StringComparison.Ordinal);
        NetworkSpec read = NetworkFile.Parse(json, "circuit.json");
        Assert.Equal(json, NetworkFile.ToJson(read));
        Assert.Equal(SpikeHashOf(spec), SpikeHashOf(read));

        string defaults = json.Replace("\"slope_factor_mv\": 2,", "", StringComparison.Ordinal);
        Assert.Equal(new AdExNeuron(), NetworkFile.Parse(defaults, "defaults.json").Populations[1].Model);

        string broken = json.Replace("\"reset_mv\": -70.6", "\"reset_mv\": 30", StringComparison.Ordinal);
        var e = Assert.Throws<NetworkValidationException>(() => NetworkBuilder.FromSpec(NetworkFile.Parse(broken, "broken.json")).Build());
        Assert.Contains("populations[1] 'adex'.adex.reset_mv: must be below peak_mv (20), got 30", e.Message, StringComparison.Ordinal);
    }

    private static ulong SpikeHashOf(NetworkSpec spec)
    {
        using var sim = new Simulation(NetworkBuilder.FromSpec(spec).Build());
        sim.Run(100);
        return sim.Statistics.SpikeHash;
    }
}
