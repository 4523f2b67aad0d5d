using SpikeCore.Building;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Networks.Unsupervised;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests.Unsupervised;

public sealed class DiehlCookNetworkTests : IDisposable
{
    private static readonly DiehlCookParameters Small = DiehlCookParameters.Paper with { Neurons = 12, LearningRatePost = 0.05, ThetaPlusMv = 0.5 };
    private readonly string _dir = Directory.CreateTempSubdirectory("spikecore-diehlcook-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Rates of a 16-pixel "image": sample s brightens column s mod 4.</summary>
    private static double[] Rates(int s) => [.. Enumerable.Range(0, 16).Select(i => i % 4 == s % 4 ? 2000.0 : 100.0)];

    /// <summary>Shows samples [from, to): weights normalised per neuron (to 1.6 weight units), 350 ms of input, 150 ms of rest.</summary>
    private static void Show(Simulation simulation, int from, int to)
    {
        double sum = 1.6 * (simulation.Network.Population("exc").Model is LifCondExp ? 1 : DiehlCookNetwork.WeightUnit(Memristive(Small), 1));
        for (int s = from; s < to; s++)
        {
            ProjectionWeights w = simulation.Weights(DiehlCookNetwork.InputProjection);
            var sums = new double[Small.Neurons];
            for (int k = 0; k < w.Weights.Length; k++)
            {
                sums[w.Targets[k]] += w.Weights[k];
            }

            simulation.SetWeights(DiehlCookNetwork.InputProjection, [.. w.Weights.Select((x, k) => (float)(x * sum / sums[w.Targets[k]]))]);
            simulation.SetParameter("input", "rate_scale", Rates(s));
            simulation.Run(350);
            simulation.SetParameter("input", "rate_scale", new double[16]);
            simulation.Run(150);
        }
    }

    private static SpikeCore.Compiled.Network Learning(DiehlCookParameters? p = null) => DiehlCookNetwork.Build(16, 1, p ?? Small, seed: 3).Build();

    /// <summary>The small network with threshold-switch neurons whose switching delays are long enough to reorder spikes.</summary>
    private static DiehlCookParameters Memristive(DiehlCookParameters p) => p with { Memristive = new MemristiveNeurons { MeanSwitchingDelayMs = 0.5 } };

    /// <summary>
    /// The learning network with its input synapses on an array of NeuroSim's target devices (64 levels, NL ±1, 2%
    /// cycle-to-cycle noise), learning with accumulated changes (each synapse's digital remainder is state to carry).
    /// </summary>
    private static SpikeCore.Compiled.Network OnArray() =>
        Learning(Small with { Array = new Crossbar.Engine.ArraySynapse { Preset = Crossbar.Engine.ArrayPreset.NeuroSimTarget, ReadNoise = 0.02, Accumulate = true } });

    private static (ulong Hash, long[] Counts, float[] Weights, double[] Theta) Outcome(Simulation s) =>
        (s.Statistics.SpikeHash, s.SpikeCounts("exc"), s.Weights(DiehlCookNetwork.InputProjection).Weights,
         s.State("exc", s.Network.Population("exc").Model.StateVariables.Single(v => v.StartsWith("theta", StringComparison.Ordinal))));

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Frozen_network_without_learning_spikes_exactly_as_the_learning_one(bool onArray, bool memristive)
    {
        // With no learning (η = 0, θ+ = 0) the learning network's weights stay as drawn; the frozen network built from
        // them (explicit synapses, weights and delays read back, thresholds V_θ + θ) must then fire the same spikes. On an
        // array, the frozen array's devices (same keys) are programmed to the same targets: the same conductances.
        // Threshold switches draw the same thresholds and switching delays in both networks.
        DiehlCookParameters still = Small with { LearningRatePre = 0, LearningRatePost = 0, ThetaPlusMv = 0, Array = onArray ? new Crossbar.Engine.ArraySynapse() : null };
        still = memristive ? Memristive(still) : still;
        using var learning = new Simulation(Learning(still), new SimulationOptions { RecordSpikes = false });
        var frozen = new DiehlCookNetwork.Frozen(learning.Weights(DiehlCookNetwork.InputProjection), new double[still.Neurons]);
        using var replay = new Simulation(DiehlCookNetwork.Build(16, 1, still, seed: 3, frozen).Build(), new SimulationOptions { RecordSpikes = false });
        foreach (Simulation s in new[] { learning, replay })
        {
            s.SetParameter("input", "rate_scale", Rates(0));
            s.Run(350);
        }

        Assert.True(learning.SpikeCounts("exc").Sum() > 5, $"{learning.SpikeCounts("exc").Sum()} spikes");
        Assert.Equal(learning.SpikeCounts("exc"), replay.SpikeCounts("exc"));
        Assert.Equal(learning.Statistics.SpikeHash, replay.Statistics.SpikeHash);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Learning_protocol_is_the_same_on_any_partition_count(bool onArray, bool memristive)
    {
        SpikeCore.Compiled.Network Network() => onArray && memristive ? Learning(Memristive(Small with { Array = new Crossbar.Engine.ArraySynapse { Preset = Crossbar.Engine.ArrayPreset.NeuroSimTarget } }))
            : onArray ? OnArray() : Learning();
        using var one = new Simulation(Network());
        using var three = new Simulation(Network(), new SimulationOptions { Partitions = 3, Threads = 2 });
        Show(one, 0, 4);
        Show(three, 0, 4);
        var a = Outcome(one);
        var b = Outcome(three);
        Assert.True(a.Counts.Sum() > 20 && a.Theta.Max() > 0, $"{a.Counts.Sum()} spikes");
        Assert.NotEqual(Learning().Synapses.Weight!.Take(50), a.Weights.Take(50)); // learning moved the weights
        Assert.Equal(a.Hash, b.Hash);
        Assert.Equal(a.Counts, b.Counts);
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.Theta, b.Theta);
        Assert.Equal(one.Meters(DiehlCookNetwork.InputProjection), three.Meters(DiehlCookNetwork.InputProjection));
        if (onArray)
        {
            Assert.True(one.Meters(DiehlCookNetwork.InputProjection)["learning_pulses"] > 100);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Learning_protocol_resumes_exactly_from_a_checkpoint(bool onArray)
    {
        string path = Path.Combine(_dir, "learn.spkc");
        Func<SpikeCore.Compiled.Network> network = onArray ? OnArray : () => Learning();
        using var whole = new Simulation(network());
        Show(whole, 0, 2);
        whole.SetParameter("input", "rate_scale", Rates(1));
        whole.Run(200);
        Show(whole, 2, 4);
        using (var saved = new Simulation(network()))
        {
            Show(saved, 0, 2);
            saved.SetParameter("input", "rate_scale", Rates(1)); // rates the checkpoint must carry: later trains are drawn with them
            saved.Save(path);
        }

        using var resumed = Simulation.Load(path, network());
        resumed.Run(200);
        Show(resumed, 2, 4);
        Assert.Equal(Outcome(whole).Hash, Outcome(resumed).Hash);
        Assert.Equal(Outcome(whole).Counts, Outcome(resumed).Counts);
        Assert.Equal(Outcome(whole).Weights, Outcome(resumed).Weights);
        Assert.Equal(whole.Meters(DiehlCookNetwork.InputProjection), resumed.Meters(DiehlCookNetwork.InputProjection));
    }

    [Fact]
    public void Changed_Poisson_rates_give_the_new_rate()
    {
        // 400 trains switched from 5 Hz to 40 Hz at 1 s and off at 2 s: counts are Poisson, 400 × (5 + 40) = 18,000
        // expected (σ = 134); nothing after 2 s.
        SpikeCore.Compiled.Network net = new NetworkBuilder(5).AddPopulation("input", 400, PoissonSource.Constant(1), s => s.WithPerNeuron("rate_scale", 5.0)).Build();
        using var simulation = new Simulation(net);
        simulation.Run(1000);
        simulation.SetParameter("input", "rate_scale", Enumerable.Repeat(40.0, 400).ToArray());
        simulation.Run(1000);
        long before = simulation.SpikeCounts("input").Sum();
        simulation.SetParameter("input", "rate_scale", new double[400]);
        simulation.Run(5000);
        Assert.InRange(before, 18_000 - (4 * 134), 18_000 + (4 * 134));
        Assert.Equal(before, simulation.SpikeCounts("input").Sum());
        Assert.Equal(before, simulation.Statistics.Spikes);
    }

    /// <summary>
    /// The engine's normalisation (in place on one core; through a copy on partitions and where weights are device state)
    /// against the same arithmetic one synapse at a time on weights read out and written back, between samples of
    /// learning: the same weights to the bit after each (some at the cap, but on the array, whose devices take the nearest
    /// levels they can be programmed to), and the same spikes.
    /// </summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(1, true)]
    public void Normalising_gives_what_reading_scaling_one_by_one_and_writing_give(int partitions, bool onArray)
    {
        const double Sum = 1.6;
        const float Cap = 0.13f; // a little above the mean weight, 1.6 / 16: some are clipped
        SpikeCore.Compiled.Network network = onArray ? OnArray() : Learning();
        var options = new SimulationOptions { Partitions = partitions, Threads = Math.Min(partitions, 2), RecordSpikes = false };
        using var engine = new Simulation(network, options);
        using var byHand = new Simulation(network, options);
        for (int s = 0; s < 3; s++)
        {
            engine.NormaliseWeights(DiehlCookNetwork.InputProjection, Sum, Cap);
            ProjectionWeights w = byHand.Weights(DiehlCookNetwork.InputProjection);
            var sums = new double[Small.Neurons];
            for (int k = 0; k < w.Weights.Length; k++)
            {
                sums[w.Targets[k]] += w.Weights[k];
            }

            byHand.SetWeights(DiehlCookNetwork.InputProjection, [.. w.Weights.Select((x, k) => sums[w.Targets[k]] > 0 ? Math.Min((float)(x * Sum / sums[w.Targets[k]]), Cap) : x)]);
            float[] normalised = engine.Weights(DiehlCookNetwork.InputProjection).Weights;
            Assert.Equal(byHand.Weights(DiehlCookNetwork.InputProjection).Weights.Select(BitConverter.SingleToInt32Bits), normalised.Select(BitConverter.SingleToInt32Bits));
            if (!onArray)
            {
                Assert.Contains(Cap, normalised); // on the array the written weights are programmed into device levels
            }
            foreach (Simulation simulation in new[] { engine, byHand })
            {
                simulation.SetParameter("input", "rate_scale", Rates(s));
                simulation.Run(350);
                simulation.SetParameter("input", "rate_scale", new double[16]);
                simulation.Run(150);
            }
        }

        Assert.Equal(byHand.Statistics.SpikeHash, engine.Statistics.SpikeHash);
        Assert.True(engine.Statistics.Spikes > 0);
    }

    [Fact]
    public void Normalising_refuses_static_weights_a_negative_sum_and_a_cap_above_w_max()
    {
        using var simulation = new Simulation(Learning());
        float[] weights = simulation.Weights(DiehlCookNetwork.InputProjection).Weights;
        Assert.Contains("static synapses", Assert.Throws<NotSupportedException>(() => simulation.NormaliseWeights(DiehlCookNetwork.ExcitatoryToInhibitory, 1, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("a finite sum >= 0 (got -1)", Assert.Throws<ArgumentException>(() => simulation.NormaliseWeights(DiehlCookNetwork.InputProjection, -1, 1)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => simulation.NormaliseWeights(DiehlCookNetwork.InputProjection, double.NaN, 1));
        Assert.Contains("a cap in [0, 1] (got 2)", Assert.Throws<ArgumentException>(() => simulation.NormaliseWeights(DiehlCookNetwork.InputProjection, 1, 2)).Message, StringComparison.Ordinal);
        Assert.Equal(weights, simulation.Weights(DiehlCookNetwork.InputProjection).Weights);
    }

    [Fact]
    public void Run_controls_refuse_what_a_model_cannot_take_and_change_nothing()
    {
        using var simulation = new Simulation(Learning());
        float[] weights = simulation.Weights(DiehlCookNetwork.InputProjection).Weights;
        Assert.Contains("no per-neuron parameter 'tau'", Assert.Throws<ArgumentException>(() => simulation.SetParameter("input", "tau", new double[16])).Message, StringComparison.Ordinal);
        Assert.Contains("has 16 neurons; got 3", Assert.Throws<ArgumentException>(() => simulation.SetParameter("input", "rate_scale", new double[3])).Message, StringComparison.Ordinal);
        Assert.Contains("rate_scale (neuron 2): must be a finite number >= 0", Assert.Throws<ArgumentException>(() => simulation.SetParameter("input", "rate_scale", [0, 0, -1, .. new double[13]])).Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => simulation.SpikeCounts("nobody"));
        Assert.Contains("static synapses", Assert.Throws<NotSupportedException>(() => simulation.SetWeights(DiehlCookNetwork.ExcitatoryToInhibitory, new float[12])).Message, StringComparison.Ordinal);
        float[] tooBig = [.. weights];
        tooBig[^1] = 2; // above w_max = 1
        Assert.Contains($"weight {weights.Length - 1} is 2, outside [0, 1]", Assert.Throws<ArgumentException>(() => simulation.SetWeights(DiehlCookNetwork.InputProjection, tooBig)).Message, StringComparison.Ordinal);
        float[] notANumber = [.. weights];
        notANumber[5] = float.NaN; // inside the first register: the first bad weight is named, not the last
        notANumber[^2] = -1;
        Assert.Contains("weight 5 is NaN, outside [0, 1]", Assert.Throws<ArgumentException>(() => simulation.SetWeights(DiehlCookNetwork.InputProjection, notANumber)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => simulation.SetWeights(DiehlCookNetwork.InputProjection, weights.AsSpan(1)));
        Assert.Equal(weights, simulation.Weights(DiehlCookNetwork.InputProjection).Weights);
    }
}
