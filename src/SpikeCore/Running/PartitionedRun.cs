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

    /// <summary>Runs every partition to <paramref name="endMs"/>, window by window.</summary>
    public void RunUntil(double endMs)
    {
        while (NowMs < endMs)
        {
            double windowEnd = Math.Min(endMs, NowMs + _windowMs);
            Parallel.For(0, _cores.Length, p => _cores[p].RunUntil(windowEnd));
            Exchange();
            NowMs = windowEnd;
        }
    }

    /// <summary>Merges the window's spikes in (time, id) order, records them, and puts them in flight everywhere.</summary>
    private void Exchange()
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
            foreach (SimulationCore core in _cores)
            {
                core.Receive(id, t);
            }
        }
    }
}
