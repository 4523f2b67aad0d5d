using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Networks;
using SpikeCore.Partitions;
using SpikeCore.Recording;
using SpikeCore.Running;

namespace SpikeCore.Tests.Running;

public class PartitionTests
{
    private static (SimulationStatistics Stats, double[] Times, int[] Neurons) Run(Network net, int threads, double durationMs)
    {
        using var sim = new Simulation(net, new SimulationOptions { Threads = threads });
        sim.Run(durationMs / 2);
        sim.Run(durationMs / 2); // in two pieces: a run may stop and continue between windows
        return (sim.Statistics, sim.Spikes!.TimesMs(), sim.Spikes.Neurons());
    }

    /// <summary>Runs <paramref name="net"/> on one thread (at least <paramref name="minSpikes"/> spikes) and on each of <paramref name="threads"/>: the same spikes, bit for bit.</summary>
    private static void AssertSameOnThreads(Network net, double durationMs, long minSpikes, string what, params int[] threads)
    {
        var one = Run(net, 1, durationMs);
        Assert.True(one.Stats.Spikes > minSpikes, $"{what}: {one.Stats.Spikes} spikes");
        foreach (int t in threads)
        {
            var many = Run(net, t, durationMs);
            Assert.Equal(one.Stats.SpikeHash, many.Stats.SpikeHash);
            Assert.Equal(one.Stats.SynapticEvents, many.Stats.SynapticEvents);
            Assert.Equal(one.Times, many.Times);
            Assert.Equal(one.Neurons, many.Neurons);
        }
    }

    [Fact]
    public async Task Runs_continued_every_one_to_three_windows_give_the_spikes_of_one_run()
    {
        // Each call stamps its windows' mailboxes on from the windows run before it: a call of two windows followed by
        // another would otherwise find its first window's stamp left in a mailbox by the call before, and merge stale
        // spikes (and the threads, one having read stale stamps, could run apart and wait for each other for ever: so the
        // calls run on a task given a minute). Calls of 0.1, 0.2 and 0.3 ms (one to three windows of d_min = 0.1 ms) in
        // turn, on two threads.
        Network net = NetworkBuilder.FromSpec(NetworkCatalog.Resolve("cuba")).Build();
        var one = Run(net, 1, 60);
        using var sim = new Simulation(net, new SimulationOptions { Threads = 2 });
        var calls = Task.Run(() =>
        {
            for (int k = 0; sim.TimeMs < 60 - 1e-9; k++)
            {
                sim.RunTo(Math.Min(60, sim.TimeMs + (0.1 * (1 + (k % 3)))));
            }
        });
        await calls.WaitAsync(TimeSpan.FromMinutes(1)); // (a TimeoutException fails the test)
        Assert.True(one.Stats.Spikes > 100, $"{one.Stats.Spikes} spikes");
        Assert.Equal(one.Times, sim.Spikes!.TimesMs());
        Assert.Equal(one.Neurons, sim.Spikes.Neurons());
        Assert.Equal(one.Stats.SpikeHash, sim.Statistics.SpikeHash);
    }

    [Fact]
    public void Cuba_gives_the_same_spikes_bit_for_bit_on_one_to_four_threads()
    {
        Network net = NetworkBuilder.FromSpec(NetworkCatalog.Resolve("cuba")).Build();
        AssertSameOnThreads(net, 1200, 1000, "cuba", 2, 3, 4); // 1200 ms: past two moves of lif_exp's reference grid (every 500 ms)
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 5)]
    [InlineData(3, 2)]
    public void Partitions_give_the_same_spikes_whichever_threads_run_them(int threads, int partitions)
    {
        Network net = NetworkBuilder.FromSpec(NetworkCatalog.Resolve("cuba")).Build();
        var one = Run(net, 1, 600);
        using var sim = new Simulation(net, new SimulationOptions { Threads = threads, Partitions = partitions });
        sim.Run(600);
        Assert.Equal(one.Stats.SpikeHash, sim.Statistics.SpikeHash);
        Assert.Equal(one.Times, sim.Spikes!.TimesMs());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Simulation(net, new SimulationOptions { Partitions = 0 }));
    }

    [Theory]
    [InlineData("coba", 1000)]
    [InlineData("cobahh", 300)]
    public void Clocked_networks_give_the_same_spikes_bit_for_bit_on_two_and_three_threads(string name, double durationMs)
    {
        // Clocked populations emit at each tick spikes from inside the step: the windows follow the clock grid, with the
        // ticks as a phase of their own, and the merge restores a single core's emission order.
        Network net = NetworkBuilder.FromSpec(NetworkCatalog.Resolve(name)).Build();
        AssertSameOnThreads(net, durationMs, 1000, name, 2, 3);
    }

    [Fact]
    public void State_recorders_read_each_neuron_from_its_partition_and_match_one_core()
    {
        Network net = NetworkBuilder.FromSpec(NetworkCatalog.Resolve("coba")).Build();
        double[][] Traces(int threads)
        {
            using var sim = new Simulation(net, new SimulationOptions { Threads = threads });
            var recorder = sim.RecordState("E", [0, 1599, 1600, 1601, 3199], "v_mv", 0.5);
            sim.Run(200);
            Assert.Equal(400, recorder.SampleCount);
            return [.. Enumerable.Range(0, 5).Select(recorder.Trace)];
        }

        double[][] one = Traces(1), two = Traces(2), three = Traces(3);
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(one[k], two[k]);
            Assert.Equal(one[k], three[k]);
        }

        Assert.NotEqual(one[0], one[4]);
    }

    [Theory]
    [MemberData(nameof(ModelNetworks.NeuronModels), MemberType = typeof(ModelNetworks))]
    public void Every_neuron_model_gives_the_same_spikes_on_one_to_four_threads(string model, double inputWeight, string receptor, double recurrentWeight)
    {
        Network net = ModelNetworks.ForNeuron(model, inputWeight, receptor, recurrentWeight);
        AssertSameOnThreads(net, 300, (20 * 300 * 150 / 1000) + 20, model, 2, 3, 4); // the inputs alone give ~900
    }

    [Fact]
    public void Sources_split_across_partitions_keep_their_own_streams_and_trains()
    {
        // Poisson and spike-time sources sliced between partitions must draw exactly what the whole population draws.
        var trains = Enumerable.Range(0, 30).Select(i => Enumerable.Range(1, 40).Select(k => (k * 7.3) + (i * 0.37)).ToArray()).ToArray();
        Network net = new NetworkBuilder(5)
            .AddPopulation("poisson", 60, PoissonSource.Constant(rateHz: 30))
            .AddPopulation("trains", 30, new SpikeTimesSource(trains))
            .AddPopulation("n", 300, LifExp.Default with { RestMv = -60, ThresholdMv = -50 }, p => p.WithInitial("v_mv", Distribution.Uniform(-60, -51)))
            .Connect("poisson", "n", Connectivity.FixedInDegree(15), Distribution.Uniform(2, 5), Distribution.Uniform(0.5, 3), "excitatory")
            .Connect("trains", "n", Connectivity.Bernoulli(0.2), 3.0, 1.0, "excitatory")
            .Connect("n", "n", Connectivity.FixedInDegree(10), -2.0, 0.8, "inhibitory")
            .Build();
        AssertSameOnThreads(net, 1200, 500, "sources", 2, 4);
    }

    [Fact]
    public void Partitions_are_contiguous_and_see_only_their_targets()
    {
        // CUBA keeps one weight per projection, so its views keep no map back to the whole table's synapses; a network
        // with weights per synapse (drawn, on several delays) keeps one, checked synapse by synapse.
        Network cuba = NetworkBuilder.FromSpec(NetworkCatalog.Resolve("cuba")).Build();
        Network drawn = new NetworkBuilder(5)
            .AddPopulation("a", 300, LifExp.Default)
            .AddPopulation("b", 200, LifExp.Default)
            .Connect("a", "b", Connectivity.FixedInDegree(15), Distribution.Uniform(2, 5), Distribution.Uniform(0.5, 3), "excitatory")
            .Connect("b", "a", Connectivity.Bernoulli(0.1), -2.0, 0.8, "inhibitory")
            .Connect("a", "a", Connectivity.FixedInDegree(10), Distribution.Uniform(0.5, 1), 1.0, "excitatory")
            .Build();
        Assert.Null(cuba.Synapses.Weight);
        Assert.NotNull(drawn.Synapses.Weight);
        foreach (Network net in new[] { cuba, drawn })
        {
            int[] cuts = Partitioning.Cuts(net, 4);
            Assert.Equal(0, cuts[0]);
            Assert.Equal(net.NeuronCount, cuts[4]);
            Assert.True(cuts.Zip(cuts.Skip(1)).All(c => c.First < c.Second), string.Join(", ", cuts));
            SynapseTable whole = net.Synapses;
            var seen = new bool[whole.SynapseCount];
            long synapses = 0;
            for (int p = 0; p < 4; p++)
            {
                PartitionView v = Partitioning.Restrict(net, cuts[p], cuts[p + 1]);
                SynapseTable view = v.Table;
                Assert.Equal(whole.Weight is null, v.OriginalSynapse is null);
                synapses += view.SynapseCount;
                int previous = -1;
                for (int b = 0; b < view.BlockCount; b++)
                {
                    PopulationInfo pop = net.Populations[view.Blocks[b].TargetPopulation];
                    int sliceFirst = Math.Max(pop.FirstId, cuts[p]), sliceEnd = Math.Min(pop.FirstId + pop.Size, cuts[p + 1]);
                    int from = v.OriginalBlock[b];
                    Assert.Equal(whole.Blocks[from].TargetPopulation, view.Blocks[b].TargetPopulation);
                    Assert.Equal(whole.BlockDelayMs[from], view.BlockDelayMs[b]);
                    for (int k = view.BlockStart(b); k < view.BlockEnd(b); k++)
                    {
                        Assert.InRange(sliceFirst + view.Target[k], sliceFirst, sliceEnd - 1);
                        if (v.OriginalSynapse is not { } original)
                        {
                            continue;
                        }

                        int w = original[k]; // where it came from: inside its block, the same target and weight, in the whole's order
                        Assert.InRange(w, whole.BlockStart(from), whole.BlockEnd(from) - 1);
                        Assert.Equal(pop.FirstId + whole.Target[w], sliceFirst + view.Target[k]);
                        Assert.Equal(whole.Weight![w], view.Weight![k]);
                        Assert.True(w > previous && !seen[w], $"partition {p}: whole synapse {w} after {previous}");
                        (seen[w], previous) = (true, w);
                    }
                }
            }

            Assert.Equal(whole.SynapseCount, synapses); // every synapse in exactly one partition
            Assert.True(whole.Weight is null || seen.All(s => s), "a synapse in no partition");
        }
    }

    [Fact]
    public void Networks_the_window_protocol_cannot_run_are_refused_with_the_reason()
    {
        // Two clocked populations on different steps: no common window grid.
        Network mixed = new NetworkBuilder(1)
            .AddPopulation("a", 4, LifCondExp.Default)
            .AddPopulation("b", 4, HodgkinHuxley.Default)
            .Connect("a", "b", Connectivity.OneToOne(), 1.0, 1.0, "excitatory")
            .Build();
        NotSupportedException e = Assert.Throws<NotSupportedException>(() => new Simulation(mixed, new SimulationOptions { Threads = 2 }));
        Assert.Contains("one step", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Simulation(mixed, new SimulationOptions { Threads = 0 }));
    }

    [Theory]
    [MemberData(nameof(ModelNetworks.SynapseModels), MemberType = typeof(ModelNetworks))]
    public void Every_synapse_model_gives_the_same_spikes_and_weights_on_one_to_four_threads(string model)
    {
        // Plastic synapses live with their targets; their streams and drawn parameters are keyed by the whole
        // projection's numbering, so a projection cut between partitions learns exactly as the whole.
        Network net = ModelNetworks.ForSynapse(model);
        (SimulationStatistics Stats, double[] Times, float[] Weights) Learn(int threads)
        {
            using var sim = new Simulation(net, new SimulationOptions { Threads = threads });
            sim.Run(400);
            return (sim.Statistics, sim.Spikes!.TimesMs(), sim.Weights(0).Weights);
        }

        var one = Learn(1);
        Assert.True(one.Stats.Spikes > 24 * 400 * 120 / 1000 + 50, $"{model}: {one.Stats.Spikes} spikes");
        foreach (int threads in new[] { 2, 3, 4 })
        {
            var many = Learn(threads);
            Assert.Equal(one.Stats.SpikeHash, many.Stats.SpikeHash);
            Assert.Equal(one.Times, many.Times);
            Assert.Equal(one.Weights, many.Weights);
        }
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    public void A_distributed_run_gives_every_process_the_single_core_spikes(int processes, int threadsEach)
    {
        // Processes played by threads (the same collectives MPI provides): each builds only its own partitions.
        // State recorders: each process samples its own neurons; every process gets every neuron's trace.
        Network net = NetworkBuilder.FromSpec(NetworkCatalog.Resolve("cuba")).Build();
        int[] recorded = [3199, 0, 2000, 1999, 100]; // of E, out of order, across partitions
        var one = Run(net, 1, 600);
        using var single = new Simulation(net);
        StateRecorder expected = single.RecordState("E", recorded, "v_mv", 0.5);
        single.Run(600);
        var group = new InProcessGroup(processes);
        var results = group.Run(g =>
        {
            using var sim = new Simulation(net, new SimulationOptions { Threads = threadsEach, Processes = g });
            StateRecorder traces = sim.RecordState("E", recorded, "v_mv", 0.5);
            sim.Run(300);
            sim.RunTo(600);
            return (sim.Statistics, sim.Spikes!.TimesMs(), sim.Spikes.Neurons(), Traces: Enumerable.Range(0, 5).Select(traces.Trace).ToArray());
        });
        foreach (var r in results)
        {
            Assert.Equal(one.Stats.SpikeHash, r.Statistics.SpikeHash);
            Assert.Equal(one.Stats.SynapticEvents, r.Statistics.SynapticEvents);
            Assert.Equal(one.Times, r.Item2);
            Assert.Equal(one.Neurons, r.Item3);
            Assert.Equal(Enumerable.Range(0, 5).Select(expected.Trace), r.Traces);
        }
    }

    [Fact]
    public void A_distributed_learning_run_gathers_the_weights_of_every_process()
    {
        Network net = ModelNetworks.ForSynapse("stdp_device");
        using var single = new Simulation(net);
        single.Run(300);
        float[] expected = single.Weights(0).Weights;
        var results = new InProcessGroup(2).Run(g =>
        {
            using var sim = new Simulation(net, new SimulationOptions { Processes = g });
            sim.Run(300);
            return (sim.Statistics.SpikeHash, sim.Weights(0).Weights);
        });
        Assert.All(results, r => Assert.Equal(single.Statistics.SpikeHash, r.SpikeHash));
        Assert.All(results, r => Assert.Equal(expected, r.Item2));
    }

    [Fact]
    public void A_failure_in_one_process_stops_every_process_with_a_reason()
    {
        Network net = NonFiniteStateTests.NanNetwork();
        var e = Assert.Throws<AggregateException>(() => new InProcessGroup(2).Run(g =>
        {
            using var sim = new Simulation(net, new SimulationOptions { Processes = g });
            sim.Run(50);
            return 0;
        }));
        Assert.Equal(2, e.InnerExceptions.Count);
        Assert.Contains(e.InnerExceptions, x => x.Message.Contains("became non-finite", StringComparison.Ordinal) && !x.Message.Contains("another process", StringComparison.Ordinal));
        Assert.Contains(e.InnerExceptions, x => x.Message.Contains("another process", StringComparison.Ordinal));
    }

    [Fact]
    public void Cuts_balance_neurons_synapses_and_the_blocks_a_partition_receives()
    {
        // A (300 neurons) and B (100), all to all: every neuron has 400 inputs, and each row has one block onto each
        // population, which reaches every slice of it. Cut in two inside A at c, the costs are 8c + 400c + 4.5·400 for
        // [0, c) and 8(400 − c) + 400(400 − c) + 4.5·800 for the rest: the larger is smallest at c = 202 (84,384 against
        // 84,624 at c = 203 and 84,792 at c = 201; without the blocks' cost the cut would be 200).
        var lif = LifExp.Default;
        Network net = new NetworkBuilder(3)
            .AddPopulation("A", 300, lif)
            .AddPopulation("B", 100, lif)
            .Connect("A", "A", Connectivity.AllToAll(), 0.1, 1.0, "excitatory")
            .Connect("A", "B", Connectivity.AllToAll(), 0.1, 1.0, "excitatory")
            .Connect("B", "A", Connectivity.AllToAll(), -0.1, 1.0, "inhibitory")
            .Connect("B", "B", Connectivity.AllToAll(), -0.1, 1.0, "inhibitory")
            .Build();
        int[] cuts = Partitioning.Cuts(net, 2);
        Assert.Equal([0, 202, 400], cuts);
        Assert.Equal(400, Partitioning.Restrict(net, 0, 202).Table.BlockCount);
        Assert.Equal(800, Partitioning.Restrict(net, 202, 400).Table.BlockCount);
    }

    [Fact]
    public void A_windows_spikes_sort_as_the_general_sort_orders_them()
    {
        // Windows of 0 to twice the insertion sort's limit, with emission times from a few values (ties decided by the
        // other keys) and spikes from every kind of emitter: the window's sort against Array.Sort with CompareTo.
        var random = new System.Random(15);
        for (int n = 0; n <= 2 * EmittedSpike.InsertionMax; n++)
        {
            for (int round = 0; round < 20; round++)
            {
                var spikes = new EmittedSpike[n];
                for (int i = 0; i < n; i++)
                {
                    double emittedAt = random.Next(4) * 0.1;
                    spikes[i] = new EmittedSpike(emittedAt, random.Next(2) == 0, (byte)random.Next(3), random.Next(3), emittedAt + random.Next(3) * 0.05, random.Next(1000));
                }

                EmittedSpike[] expected = [.. spikes];
                Array.Sort(expected);
                EmittedSpike.Sort(spikes);
                Assert.Equal(expected, spikes);
            }
        }
    }

    [Fact]
    public void Partitions_sorted_spikes_merge_as_the_general_sort_orders_them_together()
    {
        // One to six partitions' windows (merged up to four, sorted together beyond), each sorted alone (as each thread
        // sorts its own before it publishes them; here by the general sort), of 0 to 40 spikes with ties in the emission time: their merge against
        // Array.Sort of them all.
        var random = new System.Random(16);
        for (int partitions = 1; partitions <= EmittedSpike.MergeMostRuns + 2; partitions++)
        {
            for (int round = 0; round < 200; round++)
            {
                var runs = new List<EmittedSpike>[partitions];
                for (int r = 0; r < partitions; r++)
                {
                    int n = random.Next(41);
                    runs[r] = [.. Enumerable.Range(0, n).Select(_ =>
                    {
                        double emittedAt = random.Next(6) * 0.1;
                        return new EmittedSpike(emittedAt, random.Next(2) == 0, (byte)random.Next(3), random.Next(3), emittedAt + random.Next(3) * 0.05, (r * 1000) + random.Next(1000));
                    })];
                    runs[r].Sort(); // by CompareTo, not by the sort under test
                }

                EmittedSpike[] expected = [.. runs.SelectMany(r => r)];
                Array.Sort(expected);
                var merged = new List<EmittedSpike>();
                EmittedSpike.Merge([.. runs.Select(r => new ArraySegment<EmittedSpike>([.. r]))], merged);
                Assert.Equal(expected, merged);
            }
        }
    }
}
