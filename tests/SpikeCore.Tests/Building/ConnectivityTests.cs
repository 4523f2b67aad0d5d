using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;

namespace SpikeCore.Tests.Building;

public class ConnectivityTests
{
    private static Network Build(int from, int to, Connectivity rule, ulong seed = 3, Distribution? delay = null, Func<PopulationSpec, PopulationSpec>? shape = null) =>
        new NetworkBuilder(seed)
            .AddPopulation("a", from, LifExp.Default, shape)
            .AddPopulation("b", to, LifExp.Default, shape)
            .Connect("a", "b", rule, 1.0, delay ?? 1.0, "excitatory")
            .Build();

    /// <summary>All (source, target-local) pairs, read back out of the CSR table.</summary>
    private static List<(int Source, int Target, double DelayMs)> Pairs(Network net)
    {
        SynapseTable s = net.Synapses;
        var pairs = new List<(int, int, double)>();
        for (int src = 0; src < net.NeuronCount; src++)
        {
            for (int b = s.RowBlockStart[src]; b < s.RowBlockStart[src + 1]; b++)
            {
                for (int k = s.BlockStart(b); k < s.BlockEnd(b); k++)
                {
                    pairs.Add((src, s.Target[k], s.BlockDelayMs[b]));
                }
            }
        }

        return pairs;
    }

    [Fact]
    public void All_to_all_and_one_to_one_make_exactly_their_pairs()
    {
        var all = Pairs(Build(7, 5, Connectivity.AllToAll()));
        Assert.Equal(35, all.Count);
        Assert.Equal(35, all.Distinct().Count());
        var one = Pairs(Build(6, 6, Connectivity.OneToOne()));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => (i, i, 1.0)), one);
    }

    [Fact]
    public void Bernoulli_count_is_binomial_and_autapses_can_be_excluded()
    {
        const int N = 2000;
        const double P = 0.02;
        Network net = Build(N, N, Connectivity.Bernoulli(P));
        double mean = (double)N * N * P, sd = Math.Sqrt(N * (double)N * P * (1 - P));
        Assert.InRange(net.SynapseCount, mean - 5 * sd, mean + 5 * sd);

        Network self = new NetworkBuilder(1).AddPopulation("a", 50, LifExp.Default)
            .Connect("a", "a", Connectivity.Bernoulli(1.0).WithAutapses(false), 1.0, 1.0, "excitatory").Build();
        Assert.Equal(50 * 49, self.SynapseCount);
        Assert.DoesNotContain(Pairs(self), p => p.Source == p.Target);
    }

    [Fact]
    public void Fixed_degrees_are_exact_and_without_multapses()
    {
        var inDegree = Pairs(Build(300, 200, Connectivity.FixedInDegree(40)));
        Assert.All(inDegree.GroupBy(p => p.Target), g => Assert.Equal(40, g.Select(p => p.Source).Distinct().Count()));
        Assert.Equal(200 * 40, inDegree.Count);

        var outDegree = Pairs(Build(100, 250, Connectivity.FixedOutDegree(200)));
        Assert.All(outDegree.GroupBy(p => p.Source), g => Assert.Equal(200, g.Select(p => p.Target).Distinct().Count()));
        Assert.Equal(100 * 200, outDegree.Count);
    }

    [Fact]
    public void Distance_rule_connects_near_pairs_more_often()
    {
        Network net = new NetworkBuilder(5)
            .AddPopulation("g", 27 * 8, LifExp.Default, p => p.OnGrid(6, 6, 6))
            .Connect("g", "g", Connectivity.DistanceDependent(0.9, 1.5).WithAutapses(false), 1.0, 1.0, "excitatory")
            .Build();
        var pairs = Pairs(net);
        double Dist(int a, int b)
        {
            int ax = a % 6, ay = a / 6 % 6, az = a / 36, bx = b % 6, by = b / 6 % 6, bz = b / 36;
            return Math.Sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by) + (az - bz) * (az - bz));
        }

        // Observed connection frequency at distance 1 against the rule's probability 0.9 e^(−(1/1.5)²).
        int neighbours = 0, connected = 0;
        var set = pairs.Select(p => (p.Source, p.Target)).ToHashSet();
        for (int a = 0; a < 216; a++)
        {
            for (int b = 0; b < 216; b++)
            {
                if (a != b && Math.Abs(Dist(a, b) - 1) < 1e-9)
                {
                    neighbours++;
                    connected += set.Contains((a, b)) ? 1 : 0;
                }
            }
        }

        double expected = 0.9 * Math.Exp(-1 / 2.25);
        Assert.InRange((double)connected / neighbours, expected - 0.05, expected + 0.05);
        Assert.All(pairs, p => Assert.True(Dist(p.Source, p.Target) < 6, "implausibly long connection"));
    }

    [Fact]
    public void Explicit_pairs_weights_and_heterogeneous_delays_are_kept_and_rows_are_sorted_by_delay()
    {
        Network net = new NetworkBuilder()
            .AddPopulation("a", 2, LifExp.Default)
            .AddPopulation("b", 3, LifExp.Default)
            .Connect("a", "b", Connectivity.Explicit([0, 0, 0, 1], [2, 0, 1, 2]), Distribution.FromValues([1, 2, 3, 4]),
                Distribution.FromValues([0.3, 0.1, 0.3, 0.2]), "excitatory")
            .Build();
        var pairs = Pairs(net);
        Assert.Equal([(0, 0, 0.1), (0, 2, 0.30000000000000004), (0, 1, 0.30000000000000004), (1, 2, 0.2)], pairs);
        Assert.Equal(0.1, net.MinDelayMs, 12);
        SynapseTable s = net.Synapses;
        Assert.Equal(2, s.RowBlockStart[1] - s.RowBlockStart[0]); // two delay groups for source 0
        Assert.Equal([2f, 1f, 3f, 4f], s.Weight!);
    }

    [Fact]
    public void Fixed_weights_are_kept_once_per_projection_and_deliver_what_per_synapse_weights_deliver()
    {
        // The same random network twice: weights as constants (kept once per projection, 4 bytes per synapse) and as
        // an explicit list of the same values (kept per synapse, 8 bytes). Same table, same spikes.
        Network Build(bool constant)
        {
            var builder = new NetworkBuilder(3)
                .AddPopulation("in", 50, SpikeCore.Models.Sources.PoissonSource.Constant(rateHz: 40))
                .AddPopulation("n", 200, LifExp.Default with { RestMv = -60, ThresholdMv = -50 });
            builder.Connect("in", "n", Connectivity.FixedInDegree(20), constant ? 3.0 : Distribution.FromValues(Enumerable.Repeat(3.0, 4000)),
                Distribution.Uniform(0.5, 2), "excitatory");
            builder.Connect("n", "n", Connectivity.FixedInDegree(10), constant ? -1.5 : Distribution.FromValues(Enumerable.Repeat(-1.5, 2000)), 1.0, "inhibitory");
            return builder.Build();
        }

        Network shared = Build(true), perSynapse = Build(false);
        Assert.Null(shared.Synapses.Weight);
        Assert.Equal([3f, -1.5f], shared.Synapses.ProjectionWeight!);
        Assert.NotNull(perSynapse.Synapses.Weight);
        Assert.Equal(Pairs(perSynapse), Pairs(shared));
        Assert.Equal(4L * (shared.Synapses.SynapseCount - 2), perSynapse.Synapses.Bytes - shared.Synapses.Bytes); // 4 bytes per synapse, less the 2 kept
        using var a = new SpikeCore.Running.Simulation(shared);
        using var b = new SpikeCore.Running.Simulation(perSynapse);
        a.Run(500);
        b.Run(500);
        Assert.True(a.Statistics.Spikes > 100, $"{a.Statistics.Spikes} spikes");
        Assert.Equal(b.Statistics.SpikeHash, a.Statistics.SpikeHash);
        Assert.Equal(b.Weights(1).Weights, a.Weights(1).Weights);
    }

    [Fact]
    public void Constant_delays_kept_once_per_projection_build_the_table_per_synapse_delays_build()
    {
        // Two projections from the same sources, the later one with the shorter constant delay, so that every row is
        // sorted by delay while it is assembled; built once with the delays as constants (kept once per projection while
        // building) and once as explicit lists of the same values (kept per synapse): the tables must be the same.
        Network Build(bool constant)
        {
            var builder = new NetworkBuilder(5)
                .AddPopulation("in", 40, SpikeCore.Models.Sources.PoissonSource.Constant(rateHz: 20))
                .AddPopulation("n", 150, LifExp.Default);
            builder.Connect("in", "n", Connectivity.FixedOutDegree(12), 1.0, constant ? 2.0 : Distribution.FromValues(Enumerable.Repeat(2.0, 480)), "excitatory");
            builder.Connect("in", "n", Connectivity.FixedOutDegree(7), Distribution.Uniform(0.5, 1), constant ? 0.5 : Distribution.FromValues(Enumerable.Repeat(0.5, 280)), "inhibitory");
            return builder.Build();
        }

        SynapseTable kept = Build(true).Synapses, lists = Build(false).Synapses;
        Assert.Equal(lists.RowBlockStart, kept.RowBlockStart);
        Assert.Equal(lists.BlockDelayMs, kept.BlockDelayMs);
        Assert.Equal(lists.Blocks, kept.Blocks);
        Assert.Equal(lists.Target, kept.Target);
        Assert.Equal(lists.Weight, kept.Weight);
        for (int source = 0; source < 40; source++)
        {
            int b = kept.RowBlockStart[source];
            Assert.Equal(2, kept.RowBlockStart[source + 1] - b); // one block per projection, the shorter delay first
            Assert.Equal([0.5, 2.0], kept.BlockDelayMs.AsSpan(b, 2).ToArray());
            Assert.Equal([(short)1, (short)0], kept.Blocks.AsSpan(b, 2).ToArray().Select(k => k.Projection));
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_table_and_another_seed_does_not()
    {
        Network a = Build(500, 500, Connectivity.Bernoulli(0.05), seed: 11, delay: Distribution.Uniform(0.1, 2));
        Network b = Build(500, 500, Connectivity.Bernoulli(0.05), seed: 11, delay: Distribution.Uniform(0.1, 2));
        Network c = Build(500, 500, Connectivity.Bernoulli(0.05), seed: 12, delay: Distribution.Uniform(0.1, 2));
        Assert.Equal(a.Synapses.Target, b.Synapses.Target);
        Assert.Equal(a.Synapses.BlockDelayMs, b.Synapses.BlockDelayMs);
        Assert.NotEqual(a.Synapses.Target, c.Synapses.Target);
        var pairs = Pairs(a);
        foreach (var row in pairs.GroupBy(p => p.Source))
        {
            double[] delays = row.Select(p => p.DelayMs).ToArray();
            Assert.Equal(delays.Order().ToArray(), delays);
        }
    }

    [Fact]
    public void Network_and_spikes_are_identical_for_any_thread_count()
    {
        NetworkBuilder builder = SpikeCore.Networks.BenchmarkNetworks.Cuba(seed: 21, neurons: 3000)
            .Connect("E", "I", Connectivity.FixedInDegree(30), Distribution.Normal(0.5, 0.1), Distribution.Uniform(0.1, 3), "excitatory");
        Network one = builder.Build(maxThreads: 1);
        Network two = builder.Build(maxThreads: 2);
        Network all = builder.Build();
        foreach (Network other in new[] { two, all })
        {
            Assert.Equal(one.Synapses.Target, other.Synapses.Target);
            Assert.Equal(one.Synapses.Weight, other.Synapses.Weight);
            Assert.Equal(one.Synapses.BlockDelayMs, other.Synapses.BlockDelayMs);
            Assert.Equal(one.Synapses.RowBlockStart, other.Synapses.RowBlockStart);
        }

        ulong Hash(Network n)
        {
            using var sim = new SpikeCore.Running.Simulation(n);
            sim.Run(200);
            return sim.Statistics.SpikeHash;
        }

        Assert.Equal(Hash(one), Hash(two));
    }

    [Fact]
    public void Static_synapses_cost_about_eight_bytes_and_four_when_their_weight_is_shared()
    {
        Network shared = Build(4000, 4000, Connectivity.Bernoulli(0.02));
        Assert.InRange(shared.BytesPerSynapse, 4.0, 4.6);
        Network perSynapse = new NetworkBuilder(3)
            .AddPopulation("a", 4000, LifExp.Default)
            .AddPopulation("b", 4000, LifExp.Default)
            .Connect("a", "b", Connectivity.Bernoulli(0.02), Distribution.Uniform(0.5, 1.5), 1.0, "excitatory")
            .Build();
        Assert.InRange(perSynapse.BytesPerSynapse, 8.0, 8.6);
    }
}
