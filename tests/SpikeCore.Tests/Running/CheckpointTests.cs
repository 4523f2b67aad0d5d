using SpikeCore.Building;
using SpikeCore.Checkpoints;
using SpikeCore.Compiled;
using SpikeCore.Networks;
using SpikeCore.Recording;
using SpikeCore.Running;

namespace SpikeCore.Tests.Running;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spikecore-checkpoints-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    /// <summary>
    /// Runs <paramref name="net"/> to <paramref name="endMs"/> at once, and again saved at <paramref name="splitMs"/>,
    /// loaded into a new simulation and run on: the same spikes bit for bit, the same counters, state samples and weights.
    /// The simulation that was saved also runs on unchanged (saving has no side effects).
    /// </summary>
    private void AssertResumesExactly(Network net, double splitMs, double endMs, int threads = 1, Action<Simulation>? attach = null)
    {
        var options = new SimulationOptions { Threads = threads };
        using var whole = new Simulation(net, options);
        attach?.Invoke(whole);
        whole.Run(endMs);
        Assert.True(whole.Statistics.Spikes > 100, $"{whole.Statistics.Spikes} spikes");

        string path = PathOf("run.spkc");
        using var saved = new Simulation(net, options);
        attach?.Invoke(saved);
        saved.Run(splitMs);
        long spikesAtSave = saved.Statistics.Spikes;
        saved.Save(path);
        saved.Run(endMs - splitMs);

        using var resumed = Simulation.Load(path, net, options);
        Assert.Equal(splitMs, resumed.TimeMs);
        Assert.Equal(spikesAtSave, resumed.Statistics.Spikes);
        Assert.True(spikesAtSave > 0 && spikesAtSave < whole.Statistics.Spikes, "the save point lies inside the activity");
        resumed.Run(endMs - splitMs);
        foreach (Simulation continued in new[] { resumed, saved })
        {
            Assert.Equal(whole.Statistics.SpikeHash, continued.Statistics.SpikeHash);
            Assert.Equal(whole.Statistics.SynapticEvents, continued.Statistics.SynapticEvents);
            Assert.Equal(whole.Spikes!.TimesMs(), continued.Spikes!.TimesMs());
            Assert.Equal(whole.Spikes.Neurons(), continued.Spikes.Neurons());
            Assert.Equal(whole.StateRecorders.Count, continued.StateRecorders.Count);
            for (int r = 0; r < whole.StateRecorders.Count; r++)
            {
                StateRecorder a = whole.StateRecorders[r], b = continued.StateRecorders[r];
                Assert.Equal(a.TimesMs, b.TimesMs);
                for (int n = 0; n < a.Neurons.Count; n++)
                {
                    Assert.Equal(a.Trace(n), b.Trace(n));
                }
            }

            for (int p = 0; p < net.Spec.Projections.Count; p++)
            {
                Assert.Equal(whole.Weights(p).Weights, continued.Weights(p).Weights);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ModelNetworks.NeuronModels), MemberType = typeof(ModelNetworks))]
    public void Every_neuron_model_resumes_bit_for_bit(string model, double inputWeight, string receptor, double recurrentWeight)
    {
        Network net = ModelNetworks.ForNeuron(model, inputWeight, receptor, recurrentWeight);
        AssertResumesExactly(net, 137.3, 300, attach: sim => sim.RecordState("n", [0, 17, 36], sim.Network.Population("n").Model.StateVariables[0], 0.7));
    }

    [Theory]
    [MemberData(nameof(ModelNetworks.SynapseModels), MemberType = typeof(ModelNetworks))]
    public void Every_synapse_model_resumes_bit_for_bit_with_its_weights(string model) =>
        AssertResumesExactly(ModelNetworks.ForSynapse(model), 171.7, 400);

    [Fact]
    public void Cuba_resumes_bit_for_bit_across_a_move_of_the_reference_grid()
    {
        Network net = NetworkBuilder.FromSpec(NetworkCatalog.Resolve("cuba")).Build();
        AssertResumesExactly(net, 463.37, 700); // saved before lif_exp's reference moves at 500 ms
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Coba_with_state_recorders_resumes_bit_for_bit(int threads)
    {
        Network net = NetworkBuilder.FromSpec(NetworkCatalog.Resolve("coba")).Build();
        AssertResumesExactly(net, 120.05, 250, threads, sim =>
        {
            sim.RecordState("E", [0, 1599, 1600, 3199], "v_mv", 0.5);
            sim.RecordState("I", [3, 799], "g_exc_ns", 1.0);
        });
    }

    [Fact]
    public void A_run_saved_on_threads_resumes_to_the_single_core_result()
    {
        Network net = NetworkBuilder.FromSpec(NetworkCatalog.Resolve("cuba")).Build();
        using var one = new Simulation(net);
        one.Run(400);
        using (var two = new Simulation(net, new SimulationOptions { Threads = 2 }))
        {
            two.Run(211.3);
            two.Save(PathOf("two.spkc"));
        }

        using var resumed = Simulation.Load(PathOf("two.spkc"), net, new SimulationOptions { Threads = 2 });
        resumed.Run(400 - 211.3);
        Assert.Equal(one.Statistics.SpikeHash, resumed.Statistics.SpikeHash);
    }

    [Fact]
    public void A_distributed_run_saves_a_file_per_process_and_resumes_to_the_single_core_result()
    {
        Network net = NetworkBuilder.FromSpec(NetworkCatalog.Resolve("cuba")).Build();
        using var one = new Simulation(net);
        StateRecorder expected = one.RecordState("E", [5, 3100], "v_mv", 1.0);
        one.Run(400);
        string path = PathOf("distributed.spkc");
        new InProcessGroup(2).Run(g =>
        {
            using var sim = new Simulation(net, new SimulationOptions { Processes = g });
            sim.RecordState("E", [5, 3100], "v_mv", 1.0);
            sim.Run(211.3);
            sim.Save(path);
            return 0;
        });
        Assert.True(File.Exists(path + ".rank0") && File.Exists(path + ".rank1"));
        var resumed = new InProcessGroup(2).Run(g =>
        {
            using Simulation sim = Simulation.Load(path, net, new SimulationOptions { Processes = g });
            sim.Run(400 - 211.3);
            return (sim.Statistics.SpikeHash, Traces: new[] { sim.StateRecorders[0].Trace(0), sim.StateRecorders[0].Trace(1) });
        });
        Assert.All(resumed, r => Assert.Equal(one.Statistics.SpikeHash, r.SpikeHash));
        Assert.All(resumed, r => Assert.Equal(new[] { expected.Trace(0), expected.Trace(1) }, r.Traces));

        // One process's file damaged: every process fails, the others saying which process could not load.
        byte[] bytes = File.ReadAllBytes(path + ".rank1");
        bytes[^40] ^= 1;
        File.WriteAllBytes(path + ".rank1", bytes);
        var e = Assert.Throws<AggregateException>(() => new InProcessGroup(2).Run(g => Simulation.Load(path, net, new SimulationOptions { Processes = g })));
        Assert.Contains(e.InnerExceptions, x => x.Message.Contains("corrupted", StringComparison.Ordinal));
        Assert.Contains(e.InnerExceptions, x => x.Message.Contains("process 1 of the distributed run could not load its checkpoint", StringComparison.Ordinal));

        // A single process cannot load a process's file of a distributed run.
        Assert.Contains("processes", LoadError(path + ".rank0", net), StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_without_spike_recording_continues_the_hash_and_drops_the_list()
    {
        Network net = ModelNetworks.ForNeuron("lif_exp", 6.0, "excitatory", 1.5);
        using var whole = new Simulation(net);
        whole.Run(300);
        using (var first = new Simulation(net))
        {
            first.Run(100);
            first.Save(PathOf("a.spkc"));
        }

        using var resumed = Simulation.Load(PathOf("a.spkc"), net, new SimulationOptions { RecordSpikes = false });
        resumed.Run(200);
        Assert.Null(resumed.Spikes);
        Assert.Equal(whole.Statistics.SpikeHash, resumed.Statistics.SpikeHash);
    }

    /// <summary>A checkpoint of the lif_exp test network at 100 ms, its path, and the network.</summary>
    private (string Path, Network Net) Saved(string name = "saved.spkc", bool recordSpikes = true)
    {
        Network net = ModelNetworks.ForNeuron("lif_exp", 6.0, "excitatory", 1.5);
        using var sim = new Simulation(net, new SimulationOptions { RecordSpikes = recordSpikes });
        sim.Run(100);
        sim.Save(PathOf(name));
        return (PathOf(name), net);
    }

    private static string LoadError(string path, Network net, SimulationOptions? options = null) =>
        Assert.Throws<CheckpointException>(() => Simulation.Load(path, net, options)).Message;

    [Fact]
    public void A_missing_file_is_named()
    {
        Network net = ModelNetworks.ForNeuron("lif_exp", 6.0, "excitatory", 1.5);
        string message = LoadError(PathOf("nowhere.spkc"), net);
        Assert.Contains("nowhere.spkc", message, StringComparison.Ordinal);
        Assert.Contains("cannot open", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_is_refused()
    {
        (string path, Network net) = Saved();
        File.WriteAllText(path, "{\"format\": \"spikecore-network\"} and some more text to pass the size check");
        Assert.Contains("not a SpikeCore checkpoint", LoadError(path, net), StringComparison.Ordinal);
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Contains("not a SpikeCore checkpoint or truncated", LoadError(path, net), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void A_truncated_file_is_refused_with_its_expected_size(int cut)
    {
        (string path, Network net) = Saved();
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^cut]);
        string message = LoadError(path, net);
        Assert.Contains("truncated", message, StringComparison.Ordinal);
        Assert.Contains($"announces {bytes.Length} bytes, the file has {bytes.Length - cut}", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void A_corrupted_byte_fails_the_checksum(double where)
    {
        (string path, Network net) = Saved();
        byte[] bytes = File.ReadAllBytes(path);
        int at = 20 + (int)((bytes.Length - 52) * where); // inside the payload
        bytes[at] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("corrupted", LoadError(path, net), StringComparison.Ordinal);
    }

    [Fact]
    public void Another_format_version_is_refused_by_number()
    {
        (string path, Network net) = Saved();
        byte[] bytes = File.ReadAllBytes(path);
        bytes[8] = 7; // the version's low byte
        File.WriteAllBytes(path, bytes);
        Assert.Contains("version 7; this SpikeCore reads version 6", LoadError(path, net), StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_of_another_network_is_refused_naming_the_first_difference()
    {
        (string path, _) = Saved();
        Network other = ModelNetworks.ForNeuron("lif_exp", 6.5, "excitatory", 1.5); // another input weight
        string message = LoadError(path, other);
        Assert.Contains("different network", message, StringComparison.Ordinal);
        Assert.Contains("\"weight\": 6,", message, StringComparison.Ordinal);
        Assert.Contains("\"weight\": 6.5,", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_is_loaded_on_the_partition_count_it_was_saved_with()
    {
        (string path, Network net) = Saved();
        string message = LoadError(path, net, new SimulationOptions { Threads = 2 });
        Assert.Contains("partitions", message, StringComparison.Ordinal);
        Assert.Contains("the checkpoint has 1, this simulation 2", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_checkpoint_of_three_partitions_resumes_on_any_thread_count(int threads)
    {
        Network net = NetworkBuilder.FromSpec(NetworkCatalog.Resolve("coba")).Build();
        using var one = new Simulation(net);
        one.Run(200);
        using (var saved = new Simulation(net, new SimulationOptions { Threads = 2, Partitions = 3 }))
        {
            saved.Run(80.25);
            saved.Save(PathOf("three.spkc"));
        }

        using var resumed = Simulation.Load(PathOf("three.spkc"), net, new SimulationOptions { Threads = threads, Partitions = 3 });
        resumed.Run(200 - 80.25);
        Assert.Equal(one.Statistics.SpikeHash, resumed.Statistics.SpikeHash);
    }

    [Fact]
    public void A_checkpoint_without_spikes_cannot_restore_a_spike_list()
    {
        (string path, Network net) = Saved(recordSpikes: false);
        Assert.Contains("RecordSpikes = false", LoadError(path, net), StringComparison.Ordinal);
        using Simulation sim = Simulation.Load(path, net, new SimulationOptions { RecordSpikes = false });
        Assert.Equal(100, sim.TimeMs);
    }

    [Fact]
    public void A_crash_mid_write_leaves_the_previous_checkpoint_intact()
    {
        (string path, Network net) = Saved();
        byte[] before = File.ReadAllBytes(path);
        using var sim = new Simulation(net);
        sim.Run(250);
        Assert.Throws<IOException>(() => sim.Save(path, temp => new FailingStream(File.Create(temp), failAfterBytes: 5000)));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".partial"), "the partial file is removed");
        using Simulation loaded = Simulation.Load(path, net);
        Assert.Equal(100, loaded.TimeMs);

        sim.Save(path); // and a later save replaces it
        using Simulation later = Simulation.Load(path, net);
        Assert.Equal(250, later.TimeMs);
    }

    /// <summary>A file stream that fails like a full disk after some bytes.</summary>
    private sealed class FailingStream(FileStream inner, long failAfterBytes) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => true;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (inner.Length + buffer.Length > failAfterBytes)
            {
                throw new IOException("No space left on device (simulated)");
            }

            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => inner.SetLength(value);

        protected override void Dispose(bool disposing)
        {
            inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
