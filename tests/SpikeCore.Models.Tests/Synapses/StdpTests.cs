using SpikeCore.Building;
using SpikeCore.Models.Devices;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Models.Synapses;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests.Synapses;

public class StdpTests
{
    private const double DelayMs = 1;

    /// <summary>Final weights of a projection from spike-time sources (arrival = spike + 1 ms) onto probe neurons that spike at given times.</summary>
    private static ProjectionWeights Run(SynapseModel rule, double[][] preArrivalsMs, double[][] postSpikesMs, double weight, Connectivity? rule2 = null)
    {
        double end = preArrivalsMs.Concat(postSpikesMs).SelectMany(t => t).DefaultIfEmpty(0).Max() + 5;
        var net = new NetworkBuilder().WithDelayResolution(0.01)
            .AddPopulation("pre", preArrivalsMs.Length, new SpikeTimesSource(preArrivalsMs.Select(a => a.Select(t => t - DelayMs).ToArray()).ToArray()))
            .AddPopulation("post", postSpikesMs.Length, new DeliveryProbe { SpikeTimesMs = postSpikesMs })
            .Connect("pre", "post", rule2 ?? Connectivity.AllToAll(), weight, DelayMs, "excitatory", rule)
            .Build();
        using var sim = new Simulation(net);
        sim.Run(end);
        return sim.Weights(0);
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(20.0)]
    [InlineData(50.0)]
    [InlineData(-5.0)]
    [InlineData(-20.0)]
    [InlineData(-50.0)]
    public void One_pair_changes_the_weight_by_the_exponential_window(double deltaMs)
    {
        // MODELS.md: Δw = λ W_max e^(−|Δt|/20) for Δt > 0 and −α λ W_max e^(−|Δt|/20) for Δt < 0 (additive).
        var rule = new Stdp { LearningRate = 0.01, Alpha = 1.2, MaxWeight = 2 };
        float w = Run(rule, [[100]], [[100 + deltaMs]], weight: 1).Weights[0];
        double expected = 1 + (deltaMs > 0 ? 1 : -1.2) * 0.01 * 2 * Math.Exp(-Math.Abs(deltaMs) / 20);
        Assert.Equal(expected, w, 1e-6);

        // Multiplicative (NEST stdp_synapse with μ = 1): the change scales with the distance to the bound.
        float m = Run(Stdp.Multiplicative with { MaxWeight = 2 }, [[100]], [[100 + deltaMs]], weight: 0.5).Weights[0];
        double wTilde = 0.25, x = Math.Exp(-Math.Abs(deltaMs) / 20);
        double expectedM = 2 * (deltaMs > 0 ? wTilde + 0.01 * (1 - wTilde) * x : wTilde - 0.01 * wTilde * x);
        Assert.Equal(expectedM, m, 1e-6);
    }

    [Fact]
    public void Nearest_pairing_counts_only_the_nearest_spikes()
    {
        // Two pre arrivals then one post spike; then two post spikes then one pre arrival.
        double[][] pre = [[100, 110, 200]];
        double[][] post = [[115, 180, 190]];
        double E(double d) => Math.Exp(-d / 20);
        float all = Run(new Stdp(), pre, post, 0.5).Weights[0];
        float nearest = Run(new Stdp { Pairing = StdpPairing.Nearest }, pre, post, 0.5).Weights[0];
        // All-to-all: every (pre, post) pair counts. Post 115 pairs with pre 100, 110 (potentiation); post 180 and 190
        // with pre 100, 110 too; pre 200 pairs with post 115, 180, 190 (depression). Depression at 110 pairs with no earlier post.
        double allPairs = 0.5 + 0.01 * (E(15) + E(5) + E(80) + E(70) + E(90) + E(80)) - 0.01 * (E(85) + E(20) + E(10));
        Assert.Equal(allPairs, all, 1e-6);

        // Nearest: post 115 sees pre 110; post 180 and 190 see pre 110 (the nearest earlier); pre 200 sees post 190.
        double nearestPairs = 0.5 + 0.01 * (E(5) + E(70) + E(80)) - 0.01 * E(10);
        Assert.Equal(nearestPairs, nearest, 1e-6);
    }

    [Fact]
    public void Random_trains_match_a_naive_sum_over_all_pairs()
    {
        // Away from the bounds the additive all-to-all rule is exactly a sum over every pre-post pair of every synapse:
        // Δw_ij = λ W_max [Σ_{t_post > t_pre} e^(−(t_post − t_pre)/τ+) − α Σ_{t_pre > t_post} e^(−(t_pre − t_post)/τ−)].
        var random = new System.Random(7);
        double[][] Trains(int n, int spikes) => Enumerable.Range(0, n)
            .Select(_ => Enumerable.Range(0, spikes).Select(_ => Math.Round(5 + 2000 * random.NextDouble(), 2)).Distinct().Order().ToArray())
            .ToArray();
        double[][] pre = Trains(12, 40), post = Trains(5, 30);
        var rule = new Stdp { LearningRate = 0.0005, Alpha = 1.1, TauPlusMs = 17, TauMinusMs = 34, MaxWeight = 10 };
        ProjectionWeights w = Run(rule, pre, post, 5.0, Connectivity.Bernoulli(0.6));
        Assert.True(w.Weights.Length > 20, $"{w.Weights.Length} synapses");
        for (int s = 0; s < w.Weights.Length; s++)
        {
            double sum = 0;
            foreach (double tp in pre[w.Sources[s]])
            {
                foreach (double tq in post[w.Targets[s]])
                {
                    sum += tq > tp ? Math.Exp(-(tq - tp) / 17) : tq < tp ? -1.1 * Math.Exp(-(tp - tq) / 34) : 0;
                }
            }

            Assert.Equal(5 + 0.0005 * 10 * sum, w.Weights[s], 2e-5);
        }
    }

    [Fact]
    public void Renormalising_event_stamps_changes_nothing()
    {
        var random = new System.Random(11);
        double[][] Trains(int n, int spikes) => Enumerable.Range(0, n)
            .Select(_ => Enumerable.Range(0, spikes).Select(_ => Math.Round(5 + 1000 * random.NextDouble(), 2)).Distinct().Order().ToArray())
            .ToArray();
        double[][] pre = Trains(10, 30), post = Trains(4, 25), many = Trains(20, 25);
        var rule = new TripletStdp { MaxWeight = 10 };
        float[] normal = Run(rule, pre, post, 1.0, Connectivity.Bernoulli(0.7)).Weights;
        float[] dense = Run(rule, pre, many, 1.0, Connectivity.AllToAll()).Weights; // rows onto consecutive neurons
        StdpRuntime<TripletStdp.Rule>.StampLimit = 40; // renormalise every few dozen events
        try
        {
            Assert.Equal(normal, Run(rule, pre, post, 1.0, Connectivity.Bernoulli(0.7)).Weights);
            Assert.Equal(dense, Run(rule, pre, many, 1.0, Connectivity.AllToAll()).Weights);
        }
        finally
        {
            StdpRuntime<TripletStdp.Rule>.StampLimit = 0;
        }
    }

    [Theory]
    [InlineData("pair")]
    [InlineData("triplet")]
    public void A_dense_row_is_depressed_as_the_same_synapses_in_scattered_rows_are(string which)
    {
        // Dense rows (all-to-all: consecutive targets) are depressed in registers, other rows in the scalar loop. The same
        // synapses, one all-to-all projection or two of every other target, must end with the same weights to the bit
        // (37 targets: a partial last register).
        SynapseModel rule = which == "pair" ? new Stdp { LearningRate = 0.05, MaxWeight = 10 } : new TripletStdp { MaxWeight = 10, PairDepression = 0.05 };
        var random = new System.Random(5);
        double[][] Trains(int n, int spikes) => [.. Enumerable.Range(0, n)
            .Select(_ => Enumerable.Range(0, spikes).Select(_ => Math.Round(5 + (400 * random.NextDouble()), 2)).Distinct().Order().ToArray())];
        double[][] pre = Trains(5, 40), post = Trains(37, 30);
        Dictionary<(int, int), float> Final(params int[][] targetSets)
        {
            var builder = new NetworkBuilder().WithDelayResolution(0.01)
                .AddPopulation("pre", pre.Length, new SpikeTimesSource(pre))
                .AddPopulation("post", post.Length, new DeliveryProbe { SpikeTimesMs = post });
            foreach (int[] set in targetSets)
            {
                (int S, int T)[] pairs = [.. Enumerable.Range(0, pre.Length).SelectMany(s => set.Select(t => (s, t)))];
                builder.Connect("pre", "post", Connectivity.Explicit(pairs.Select(x => x.S), pairs.Select(x => x.T)), 1.0, DelayMs, "excitatory", rule);
            }

            using var sim = new Simulation(builder.Build());
            sim.Run(420);
            return Enumerable.Range(0, targetSets.Length).Select(sim.Weights)
                .SelectMany(w => w.Sources.Select((src, k) => (Key: (src, w.Targets[k]), w.Weights[k]))).ToDictionary(x => x.Key, x => x.Item2);
        }

        Dictionary<(int, int), float> dense = Final([.. Enumerable.Range(0, post.Length)]);
        Dictionary<(int, int), float> scattered = Final([.. Enumerable.Range(0, post.Length).Where(t => t % 2 == 0)], [.. Enumerable.Range(0, post.Length).Where(t => t % 2 == 1)]);
        Assert.Equal(pre.Length * post.Length, dense.Count);
        Assert.True(dense.Values.Count(w => w < 1) > dense.Count / 5, $"{dense.Values.Count(w => w < 1)} below 1, {dense.Values.Count(w => w > 1)} above, min {dense.Values.Min()}");
        Assert.Equal(dense.OrderBy(x => x.Key), scattered.OrderBy(x => x.Key));
    }

    public static TheoryData<double, double, double> Sjostrom => new()
    {
        { 0.1, 10, 0 }, { 0.1, -10, -31.2 }, { 10, 10, 13.2 }, { 10, -10, -33.4 }, { 20, 10, 24.7 }, { 20, -10, -35.2 },
        { 30, 10, 37.1 }, { 30, -10, -20.5 }, { 40, 10, 53.4 }, { 40, -10, 15.5 }, { 50, 10, 74.1 }, { 50, -10, 72.7 },
    };

    [Theory]
    [MemberData(nameof(Sjostrom))]
    public void Triplet_rule_reproduces_the_pairing_frequency_dependence(double frequencyHz, double deltaMs, double expectedPercent)
    {
        // 60 pairings at frequency f, post − pre = Δt, weight 1 (MODELS.md, Pfister and Gerstner 2006 visual cortex set).
        double period = 1000 / frequencyHz;
        double[] pre = Enumerable.Range(0, 60).Select(k => 50 + k * period).ToArray();
        double[] post = pre.Select(t => t + deltaMs).ToArray();
        float w = Run(new TripletStdp { MaxWeight = 100 }, [pre], [post], 1.0).Weights[0];
        Assert.Equal(expectedPercent, 100 * (w - 1), 0.06);
    }

    [Fact]
    public void Weight_changes_go_through_the_device_as_whole_pulses()
    {
        // Linear device, 100 pulses across [0, 10] µS, W_max = 1 (w = G/10): one pulse is 0.01. λ = 0.05 and a pair at
        // ±5 ms ask for ±0.05 e^(−1/4) = ±0.0389, which NeuroSim's truncation turns into 3 pulses.
        var linear = new LinearStepDevice { MinConductanceUs = 0, MaxConductanceUs = 10, MaxPulses = 100 };
        Assert.Equal(0.53, Run(new Stdp { LearningRate = 0.05, Device = linear }, [[100]], [[105]], 0.5).Weights[0], 1e-6);
        Assert.Equal(0.47, Run(new Stdp { LearningRate = 0.05, Device = linear }, [[100]], [[95]], 0.5).Weights[0], 1e-6);

        // RealDevice from G = 5 µS: ΔG = 0.389 µS is 1.27 of its 31 pulses across 9.52 µS: one pulse on its curve.
        SaturatingExponentialDevice real = SaturatingExponentialDevice.RealDevice;
        Assert.Equal(real.Apply(5.0, 1) / 10, Run(new Stdp { LearningRate = 0.05, Device = real }, [[100]], [[105]], 0.5).Weights[0], 1e-6);
        Assert.Equal(real.Apply(5.0, -1) / 10, Run(new Stdp { LearningRate = 0.05, Device = real }, [[100]], [[95]], 0.5).Weights[0], 1e-6);

        // Changes below one pulse are lost with truncation and kept on average with stochastic rounding.
        double[][] pre = Enumerable.Range(0, 400).Select(_ => new[] { 100.0 }).ToArray();
        double ideal = 0.01 * Math.Exp(-0.25);
        float[] truncated = Run(new Stdp { Device = linear }, pre, [[105]], 0.5).Weights;
        Assert.All(truncated, w => Assert.Equal(0.5f, w));
        float[] rounded = Run(new Stdp { Device = linear with { Rounding = PulseRounding.Stochastic } }, pre, [[105]], 0.5).Weights;
        Assert.Equal(0.5 + ideal, rounded.Average(w => (double)w), 0.0015);
    }

    [Fact]
    public void Binary_pcm_rule_sets_the_ltp_device_of_recent_inputs_and_the_ltd_device_of_the_others()
    {
        // Linear SET response, 50 pulses across 0-10 µS and W_max = 1: one pulse is 0.02 of weight. Post spike at 105 ms,
        // T_LTP = 10 ms: arrivals at 100 and 96 potentiate, 50 and 94.9 depress; no arrival at all depresses too.
        var device = new LinearStepDevice { MinConductanceUs = 0, MaxConductanceUs = 10, MaxPulses = 50 };
        var rule = new BinaryPcmStdp { Device = device, LtpWindowMs = 10 };
        float[] w = Run(rule, [[100], [96], [50], [94.9], []], [[105]], 0.5).Weights;
        Assert.Equal([0.52f, 0.52f, 0.48f, 0.48f, 0.48f], w.Select(x => MathF.Round(x, 6)).ToArray());

        // Repeated pairings saturate the LTP device, refresh the pair and keep learning up to W_max.
        double[] pre = Enumerable.Range(0, 60).Select(k => 100.0 + (20 * k)).ToArray();
        float full = Run(rule, [pre], [pre.Select(t => t + 2).ToArray()], 0.5).Weights[0];
        Assert.Equal(1.0f, full, 1e-6);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(10.0)]
    [InlineData(40.0)]
    [InlineData(-2.0)]
    [InlineData(-10.0)]
    [InlineData(-40.0)]
    public void Second_order_memristor_learns_from_timing_through_its_temperature(double deltaMs)
    {
        // The first pulse programs at ambient temperature; the second lands on the heat the first left, ΔT e^(−|Δt|/τ_T).
        var m = new SecondOrderMemristor();
        double w0 = 0.5, heat = m.HeatPerSpikeK * Math.Exp(-Math.Abs(deltaMs) / m.ThermalTauMs);
        double w = deltaMs > 0 ? w0 - (m.Rate(0) * w0) : w0 + (m.Rate(0) * (1 - w0));
        w = deltaMs > 0 ? w + (m.Rate(heat) * (1 - w)) : w - (m.Rate(heat) * w);
        float weight = Run(m, [[100]], [[100 + deltaMs]], m.Weight(w0)).Weights[0];
        Assert.Equal(m.Weight(w), weight, 1e-6);
        Assert.True(deltaMs > 0 ? weight > m.Weight(w0) : weight < m.Weight(w0), "the order sets the sign");
        Assert.True(m.Rate(heat) > 10 * m.Rate(0) || Math.Abs(deltaMs) > 30, "a warm device programs much faster");
    }

    [Fact]
    public void An_stdp_synapse_costs_its_table_entry_and_a_weight_copy()
    {
        // 200 sources × 1000 targets: the STDP simulation holds, beyond a static one, the weight copy (4 bytes per
        // synapse) and per-neuron and per-block state; no per-synapse index. So at most 8 + 6 bytes per synapse.
        long Bytes(SynapseModel? rule)
        {
            var net = new NetworkBuilder()
                .AddPopulation("pre", 200, PoissonSource.Constant(10))
                .AddPopulation("post", 1000, LifExp.Default)
                .Connect("pre", "post", Connectivity.AllToAll(), 0.5, 1.0, "excitatory", rule)
                .Build();
            long before = GC.GetAllocatedBytesForCurrentThread();
            using var sim = new Simulation(net, new SimulationOptions { RecordSpikes = false, Scheduler = SchedulerMode.Events }); // as STDP runs
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        double extraPerSynapse = (Bytes(new Stdp()) - Bytes(null)) / 200_000.0;
        Assert.InRange(extraPerSynapse, 4, 6);
    }

    [Fact]
    public void Written_weights_are_read_back_and_leave_other_projections_alone()
    {
        // Three plastic projections: a → x and a → y share their sources' rows (each projection's synapses scattered
        // through the table), b → x sits in rows of its own (one consecutive stretch, copied whole). Each is written
        // with values of its own and read back; the others keep theirs.
        var net = new NetworkBuilder(2)
            .AddPopulation("a", 6, PoissonSource.Constant(10))
            .AddPopulation("b", 5, PoissonSource.Constant(10))
            .AddPopulation("x", 9, LifExp.Default)
            .AddPopulation("y", 4, LifExp.Default)
            .Connect("a", "x", Connectivity.AllToAll(), 0.5, 1.0, "excitatory", new Stdp())
            .Connect("a", "y", Connectivity.AllToAll(), 0.5, 1.0, "excitatory", new Stdp())
            .Connect("b", "x", Connectivity.AllToAll(), 0.5, 1.0, "excitatory", new Stdp())
            .Build();
        using var sim = new Simulation(net);
        sim.Run(20);
        float[][] written = new float[3][];
        for (int p = 0; p < 3; p++)
        {
            written[p] = [.. Enumerable.Range(0, sim.Weights(p).Weights.Length).Select(k => (float)((p + 1) * 0.1) + (k * 1e-3f))];
            sim.SetWeights(p, written[p]);
        }

        for (int p = 0; p < 3; p++)
        {
            Assert.Equal(written[p], sim.Weights(p).Weights);
            float[] copy = new float[written[p].Length];
            sim.CopyWeights(p, copy);
            Assert.Equal(written[p], copy);
        }
    }

    [Fact]
    public void Invalid_parameters_are_named()
    {
        var e = Assert.Throws<NetworkValidationException>(() => new NetworkBuilder()
            .AddPopulation("a", 2, new DeliveryProbe())
            .Connect("a", "a", Connectivity.AllToAll(), 1.0, 1.0, "excitatory", new Stdp { TauPlusMs = 0, MaxWeight = double.NaN })
            .Connect("a", "a", Connectivity.AllToAll(), 1.0, 1.0, "excitatory", new TripletStdp { PairDepression = -1 })
            .Build());
        Assert.Contains(e.Errors, m => m.Contains("synapse.stdp.tau_plus_ms: must be a finite number > 0", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.Contains("synapse.stdp.max_weight", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.Contains("synapse.stdp_triplet.pair_depression: must be a finite number >= 0", StringComparison.Ordinal));
    }
}
