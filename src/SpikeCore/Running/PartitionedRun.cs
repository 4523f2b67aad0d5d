using SpikeCore.Compiled;
using SpikeCore.Recording;

namespace SpikeCore.Running;

/// <summary>
/// One network run as P partitions on P threads (the conservative window protocol of NEST): each partition owns a
/// contiguous range of neuron ids (slices of populations), its own state, event queue and emitter heap, and a view of
/// the synapse table restricted to its targets. All partitions advance through a window [t, t + d_min) independently
/// (no spike can reach another partition sooner than the network's minimum delay d_min); at the window's end their
/// spikes are merged in (time, id) order, the order a single core emits them in, then recorded, hashed and put in
/// flight in every partition. Results are bit-identical to one core's.
/// </summary>
/// <remarks>
/// Supported so far: event-driven populations whose neurons interact only through spikes (lif_exp, Poisson and
/// spike-time sources) and static synapses; anything else is refused by name. Clocked models emit spikes at the tick
/// with times inside the step (out of time order, and a step late), and plastic synapses need post-spike
/// notification across partitions: both are left for later.
/// </remarks>
internal sealed class PartitionedRun
{
    private static readonly string[] Supported = ["lif_exp", "poisson", "spike_times"];
    private readonly SimulationCore[] _cores;
    private readonly double _windowMs;
    private readonly List<(double TimeMs, int Id)> _merged = [];
    private ulong _hash = SpikeHash.Seed;

    public PartitionedRun(Network network, Func<PopulationInfo, NeuronModel> modelOf, int partitions, SpikeRecorder? recorder)
    {
        string[] refused = [.. network.Populations.Where(p => !Supported.Contains(modelOf(p).Name)).Select(p => $"'{p.Name}' ({modelOf(p).Name})")];
        refused = [.. refused, .. network.Spec.Projections.Where(p => p.Synapse is not null).Select(p => $"projection {p.From} → {p.To} ({p.Synapse!.Name})")];
        if (refused.Length > 0)
        {
            throw new NotSupportedException($"a run on {partitions} threads supports {string.Join(", ", Supported)} populations with static synapses so far; not: {string.Join(", ", refused)}");
        }

        if (!(network.MinDelayMs > 0) || double.IsInfinity(network.MinDelayMs))
        {
            throw new NotSupportedException($"a run on {partitions} threads needs a network with synapses of positive delay (minimum delay {network.MinDelayMs} ms)");
        }

        Recorder = recorder;
        _windowMs = network.MinDelayMs;
        int[] cuts = Partitioning.Cuts(network, partitions);
        _cores = new SimulationCore[partitions];
        for (int p = 0; p < partitions; p++)
        {
            int lo = cuts[p], hi = cuts[p + 1];
            var runtimes = new PopulationRuntime[network.Populations.Count];
            foreach (PopulationInfo info in network.Populations)
            {
                int from = Math.Clamp(lo - info.FirstId, 0, info.Size), to = Math.Clamp(hi - info.FirstId, 0, info.Size);
                PopulationLayout layout = PopulationLayout.Slice(info with { Model = modelOf(info) }, network.InitialValues[info.Index], network.Spec.Seed, from, to - from);
                runtimes[info.Index] = layout.Info.Model.CreateRuntime(layout);
            }

            SynapseTable table = Partitioning.Restrict(network, lo, hi);
            _cores[p] = new SimulationCore(network, runtimes, new SynapseRuntime?[network.Spec.Projections.Count], table.Weight, null, table, partitioned: true);
            _cores[p].Start();
        }
    }

    public SpikeRecorder? Recorder { get; }

    public double NowMs { get; private set; }

    public long SpikeCount { get; private set; }

    public long SynapticEvents => _cores.Sum(c => c.SynapticEvents);

    public ulong SpikeHashValue => _hash;

    public long QueuePeakCount => _cores.Max(c => c.QueuePeakCount);

    /// <summary>
    /// Runs every partition to <paramref name="endMs"/>, window by window, on one thread per partition (this one and
    /// P − 1 workers): each runs its partition's window, then (after a barrier) partition 0's thread merges, records and
    /// hashes the window's spikes, and (after another) every thread puts them in flight in its own partition.
    /// </summary>
    public void RunUntil(double endMs)
    {
        if (!(NowMs < endMs))
        {
            return;
        }

        using var barrier = new Barrier(_cores.Length);
        Exception? failure = null;
        void Work(int p)
        {
            SimulationCore core = _cores[p];
            for (double now = NowMs; now < endMs;)
            {
                double windowEnd = Math.Min(endMs, now + _windowMs);
                try
                {
                    if (Volatile.Read(ref failure) is null)
                    {
                        core.RunUntil(windowEnd);
                    }
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }

                barrier.SignalAndWait();
                if (p == 0 && Volatile.Read(ref failure) is null)
                {
                    Merge();
                }

                barrier.SignalAndWait();
                foreach ((double t, int id) in _merged)
                {
                    core.Receive(id, t);
                }

                now = windowEnd;
            }
        }

        var workers = Enumerable.Range(1, _cores.Length - 1).Select(p => new Thread(() => Work(p)) { IsBackground = true, Name = $"partition {p}" }).ToArray();
        foreach (Thread w in workers)
        {
            w.Start();
        }

        Work(0);
        foreach (Thread w in workers)
        {
            w.Join();
        }

        if (failure is not null)
        {
            throw failure;
        }

        NowMs = endMs;
    }

    /// <summary>Merges the window's spikes in (time, id) order, counts, hashes and records them.</summary>
    private void Merge()
    {
        _merged.Clear();
        foreach (SimulationCore core in _cores)
        {
            List<(double TimeMs, int Id)> spikes = core.TakeSpikes();
            _merged.AddRange(spikes);
            spikes.Clear();
        }

        _merged.Sort();
        foreach ((double t, int id) in _merged)
        {
            SpikeCount++;
            _hash = SpikeHash.Add(_hash, t, id);
            Recorder?.Add(t, id);
        }
    }
}
