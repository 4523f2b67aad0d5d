using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using SpikeCore.Compiled;
using SpikeCore.Recording;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Partitions;

/// <summary>
/// One network run as P partitions on up to P threads (the conservative window protocol of NEST): each partition owns a
/// contiguous range of neuron ids (slices of populations), its own state, event queue and emitter keys, and a view of
/// the synapse table restricted to its targets. All partitions advance through a window [t, t + d_min) independently
/// (no spike can reach another partition sooner than the network's minimum delay d_min); at the window's end their
/// spikes are merged in the order a single core emits them in (<see cref="EmittedSpike"/>), then recorded, hashed and
/// put in flight in every partition. Results are bit-identical to one core's.
/// </summary>
/// <remarks>
/// Clocked populations emit at their tick t_k spikes whose times lie in (t_k − h, t_k], which can reach another
/// partition as early as t_k − h + d_min. So with clocked populations (one common step h ≤ d_min, ticks on the grid
/// k h) the windows are the steps [k h, (k + 1) h), each run in two phases: the events at k h (the ticks) then an
/// exchange, and the rest of the step then another. A plastic projection's synapses live with their targets, so
/// post-spike learning stays inside a partition; its random streams and drawn parameters are keyed by the whole
/// projection's synapse and block numbers (<see cref="SynapseLayout.WholeSynapse"/>), so a partition draws exactly
/// what the whole does for its synapses.
/// In a distributed run (<see cref="ProcessGroup"/>) each process builds only its own partitions; the window's spikes
/// of all processes are gathered at each window's end (one collective), so every process merges the same list.
/// In windows (<see cref="SchedulerMode.Windows"/>) the partitions' cores keep their keys in emitter calendars, and a
/// single-core run in windows is this run with one partition over the whole synapse table.
/// </remarks>
internal sealed class PartitionedRun : IRun
{
    private readonly Network _network;
    private readonly SimulationCore[] _cores;

    /// <summary>Each partition's view of the synapse table (null: a partition that is the whole network uses the table itself).</summary>
    private readonly PartitionView?[] _views;
    private readonly SynapseRuntime?[][] _plastic;
    private readonly float[]?[] _weights;
    private readonly double _windowMs;

    /// <summary>The common clock step of the clocked populations (0: none).</summary>
    private readonly double _clockMs;

    /// <summary>In a distributed run: each process's spikes of the window, as gathered (each in order), in arrays kept from window to window.</summary>
    private ArraySegment<EmittedSpike>[]? _gathered;

    /// <summary>Each thread's own merge of the window's spikes (in a distributed run thread 0's, copied by the others).</summary>
    private readonly List<EmittedSpike>[] _mergedBy;

    /// <summary>Each partition's sorted spikes of the window, by the window's parity and partition.</summary>
    private readonly Mailbox[][] _mailboxes;

    /// <summary>In a distributed run: every process's spikes of the window, merged by thread 0, by the window's parity.</summary>
    private readonly Mailbox[] _gatheredMailboxes = Mailbox.Create(2);

    /// <summary>Windows run by the earlier calls: the mailboxes' stamps go on from it, so that no stamp of theirs is taken for a new one.</summary>
    private long _windowsRun;

    private readonly ProcessGroup? _group;

    /// <summary>Partition boundaries (neuron ids) of the whole run, and the partitions each process runs.</summary>
    private readonly int[] _cuts;
    private readonly int _partitionsPerProcess;

    /// <summary>Threads of this process; thread t runs partitions t, t + T, t + 2T, ... of it.</summary>
    private readonly int _threads;

    /// <summary>
    /// The state recorders: each whole recorder; for each of its neurons the shard of this process that samples it
    /// (null: another process's) and the process that owns it; and a shard of this process whose sample times it takes.
    /// </summary>
    private readonly List<(StateRecorder Whole, (StateRecorder? Shard, int Position)[] Parts, int[] Owner, StateRecorder Clock)> _recorders = [];

    /// <summary>The merged spikes' count and hash (<see cref="Tally"/>; in an array, so that its padding keeps it off other objects' lines).</summary>
    private readonly Tally[] _tally = [new()];

    /// <param name="network">The network.</param>
    /// <param name="modelOf">The model each population runs (the network's, or a replacement).</param>
    /// <param name="partitionsPerProcess">Partitions this process runs (the results depend on the partitions, never on the threads).</param>
    /// <param name="threads">Threads that run them (at most one per partition).</param>
    /// <param name="group">The processes of a distributed run (null: this process runs the whole network).</param>
    /// <param name="recorder">Where the merged spikes go (null: counted and hashed only).</param>
    /// <param name="windows">Whether the partitions run their windows with emitter calendars (<see cref="SchedulerMode.Windows"/>) rather than heaps.</param>
    public PartitionedRun(Network network, Func<PopulationInfo, NeuronModel> modelOf, int partitionsPerProcess, int threads, ProcessGroup? group, SpikeRecorder? recorder,
        bool windows)
    {
        _group = group;
        _network = network;
        int partitions = partitionsPerProcess * (group?.Size ?? 1);
        int firstPartition = partitionsPerProcess * (group?.Rank ?? 0);
        NeuronModel[] models = [.. network.Populations.Select(modelOf)];
        if (WhyNoWindows(network, models) is { } obstacle)
        {
            throw new NotSupportedException($"a run in {partitions} partitions needs windows of the minimum delay, which this network cannot have: {obstacle}");
        }

        Recorder = recorder;
        _clockMs = models.Select(m => m.ClockStepMs).FirstOrDefault(h => h > 0);
        _windowMs = network.MinDelayMs;
        int[] cuts = _cuts = Partitioning.Cuts(network, partitions);
        _partitionsPerProcess = partitionsPerProcess;
        _threads = Math.Min(threads, partitionsPerProcess);
        _cores = new SimulationCore[partitionsPerProcess];
        _mergedBy = [.. Enumerable.Range(0, _threads).Select(_ => new List<EmittedSpike>(SimulationCore.OutboxCapacity))];
        _views = new PartitionView[partitionsPerProcess];
        _plastic = new SynapseRuntime?[partitionsPerProcess][];
        _weights = new float[]?[partitionsPerProcess];
        for (int p = 0; p < partitionsPerProcess; p++)
        {
            int lo = cuts[firstPartition + p], hi = cuts[firstPartition + p + 1];
            var runtimes = new PopulationRuntime[network.Populations.Count];
            foreach (PopulationInfo info in network.Populations)
            {
                int from = Math.Clamp(lo - info.FirstId, 0, info.Size), to = Math.Clamp(hi - info.FirstId, 0, info.Size);
                PopulationLayout layout = PopulationLayout.Of(network, info with { Model = modelOf(info) }, from, to - from);
                runtimes[info.Index] = layout.Info.Model.CreateRuntime(layout);
            }

            PartitionView? view = _views[p] = lo == 0 && hi == network.NeuronCount ? null : Partitioning.Restrict(network, lo, hi);
            SynapseTable table = view?.Table ?? network.Synapses;
            bool copyWeights = view is null && network.Spec.Projections.Any(q => q.Synapse is { ChangesWeights: true });
            float[]? weights = copyWeights ? (float[])table.Weight!.Clone() : table.Weight; // the partition's own array, free to change
            SynapseRuntime?[] plastic = SynapseRuntime.CreateAll(network, table, weights, runtimes, view);
            _plastic[p] = plastic;
            _weights[p] = weights;
            _cores[p] = new SimulationCore(network, runtimes, plastic, weights, null, table, partitioned: true, windowMs: windows ? _windowMs : 0);
            _cores[p].Start();
        }

        _mailboxes = [Mailbox.Create(partitionsPerProcess), Mailbox.Create(partitionsPerProcess)];
    }

    /// <summary>
    /// Why <paramref name="network"/> (running <paramref name="models"/>, by population) cannot advance in windows of its
    /// minimum delay, or null: it needs synapses (their shortest delay is the window), and its clocked populations on one
    /// step no longer than that (the windows follow their grid).
    /// </summary>
    public static string? WhyNoWindows(Network network, IReadOnlyList<NeuronModel> models)
    {
        if (!(network.MinDelayMs > 0) || double.IsInfinity(network.MinDelayMs))
        {
            return "no synapses (windows are as wide as the shortest delay)";
        }

        double[] steps = [.. models.Select(m => m.ClockStepMs).Where(h => h > 0).Distinct()];
        return steps.Length > 1 || (steps.Length == 1 && steps[0] > network.MinDelayMs)
            ? $"clocked populations on steps {string.Join(", ", steps)} ms (windows need one step no longer than the minimum delay {network.MinDelayMs} ms)"
            : null;
    }

    public SpikeRecorder? Recorder { get; }

    /// <summary>Events pending in this process's partitions, and what their queues hold before they grow.</summary>
    public (int Count, int Capacity) Queue => (_cores.Sum(c => c.Queue.Count), _cores.Sum(c => c.Queue.Capacity));

    /// <summary>None: partitions hold their own copies (<see cref="SetWeights"/> writes each).</summary>
    public float[]? LiveWeights(int projection) => null;

    /// <summary>The weights of the whole table as they are now (every plastic projection brought up to date, each partition's synapses written back to their places).</summary>
    public float[]? Weights(int projection)
    {
        if (_views[0] is null)
        {
            _plastic[0][projection]?.Synchronize();
            return _weights[0];
        }

        if (_views[0]!.Whole.Weight is not { } wholeWeights)
        {
            return null;
        }

        var whole = (float[])wholeWeights.Clone();
        var mine = new List<(int Synapse, float Weight)>();
        for (int p = 0; p < _cores.Length; p++)
        {
            foreach (SynapseRuntime? r in _plastic[p])
            {
                r?.Synchronize();
            }

            int[] original = _views[p]!.OriginalSynapse!; // kept: the whole table has weights per synapse (above)
            for (int k = 0; k < original.Length; k++)
            {
                mine.Add((original[k], _weights[p]![k]));
            }
        }

        foreach (byte[] part in AllGather(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(mine)).ToArray()))
        {
            foreach ((int synapse, float weight) in MemoryMarshal.Cast<byte, (int, float)>(part))
            {
                whole[synapse] = weight;
            }
        }

        return whole;
    }

    /// <inheritdoc/>
    public void AddSpikeCounts(int firstId, Span<long> counts)
    {
        var mine = new long[counts.Length];
        foreach (IRun core in _cores)
        {
            core.AddSpikeCounts(firstId, mine); // each neuron fires in the one partition that owns it
        }

        foreach (byte[] part in AllGather(MemoryMarshal.AsBytes(mine.AsSpan()).ToArray()))
        {
            ReadOnlySpan<long> theirs = MemoryMarshal.Cast<byte, long>(part);
            for (int i = 0; i < counts.Length; i++)
            {
                counts[i] += theirs[i];
            }
        }
    }

    /// <inheritdoc/>
    public void ReadState(int population, int variable, Span<double> values)
    {
        int first = _cores[0].Network.Populations[population].FirstId;
        var mine = new List<(int Neuron, double Value)>();
        foreach (SimulationCore core in _cores)
        {
            PopulationRuntime slice = core.Runtimes[population];
            for (int i = 0; i < slice.Count; i++)
            {
                mine.Add((slice.FirstId - first + i, slice.Sample(i, variable, NowMs)));
            }
        }

        foreach (byte[] part in AllGather(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(mine)).ToArray()))
        {
            foreach ((int neuron, double value) in MemoryMarshal.Cast<byte, (int, double)>(part))
            {
                values[neuron] = value;
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, decimal Value)> Meters(int projection)
    {
        var names = new List<string>();
        var mine = new List<decimal>();
        for (int p = 0; p < _cores.Length; p++)
        {
            foreach ((string name, decimal value) in _plastic[p][projection]?.Meters ?? [])
            {
                int at = names.IndexOf(name);
                if (at < 0)
                {
                    names.Add(name);
                    mine.Add(value);
                }
                else
                {
                    mine[at] += value;
                }
            }
        }

        var sums = new decimal[mine.Count]; // every process's partitions report the same meters, in the same order
        foreach (byte[] part in AllGather(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(mine)).ToArray()))
        {
            ReadOnlySpan<decimal> theirs = MemoryMarshal.Cast<byte, decimal>(part);
            for (int k = 0; k < sums.Length && k < theirs.Length; k++)
            {
                sums[k] += theirs[k];
            }
        }

        return [.. names.Select((n, k) => (n, sums[k]))];
    }

    /// <inheritdoc/>
    public void SetParameter(int population, string name, ReadOnlySpan<double> values)
    {
        int first = _cores[0].Network.Populations[population].FirstId;
        foreach (SimulationCore core in _cores)
        {
            PopulationRuntime slice = core.Runtimes[population];
            slice.SetParameter(name, values.Slice(slice.FirstId - first, slice.Count), NowMs);
        }
    }

    /// <inheritdoc/>
    public void SetWeights(int projection, ReadOnlySpan<int> tableIndices, ReadOnlySpan<float> values)
    {
        for (int p = 0; p < _cores.Length; p++)
        {
            if (_views[p] is not { } view)
            {
                _cores[p].WriteWeights(projection, tableIndices, values);
                continue;
            }

            var position = new Dictionary<int, int>(tableIndices.Length); // whole-table index -> position in values
            for (int k = 0; k < tableIndices.Length; k++)
            {
                position[tableIndices[k]] = k;
            }

            var local = new List<int>();
            var localValues = new List<float>();
            int[] original = view.OriginalSynapse!; // writable weights are per synapse, so the map is kept
            for (int k = 0; k < original.Length; k++)
            {
                if (position.TryGetValue(original[k], out int at))
                {
                    local.Add(k);
                    localValues.Add(values[at]);
                }
            }

            _cores[p].WriteWeights(projection, CollectionsMarshal.AsSpan(local), CollectionsMarshal.AsSpan(localValues));
        }
    }

    /// <summary>
    /// Records as <paramref name="template"/> asks: every partition samples the recorded neurons it owns (all at the same
    /// times, the queue's Record events); at the end of each run the samples of every partition (of every process) are
    /// gathered into <paramref name="template"/>, which is returned.
    /// </summary>
    public StateRecorder AddStateRecorder(StateRecorder template)
    {
        var parts = new (StateRecorder? Shard, int Position)[template.Neurons.Count];
        StateRecorder? clock = null; // a shard of this process (possibly sampling none of the neurons): its sample times
        foreach (SimulationCore core in _cores)
        {
            PopulationRuntime slice = core.Runtimes[template.PopulationIndex];
            int from = slice.FirstId - core.Network.Populations[template.PopulationIndex].FirstId;
            var owned = new List<int>();
            for (int k = 0; k < template.Neurons.Count; k++)
            {
                if (template.Neurons[k] >= from && template.Neurons[k] < from + slice.Count)
                {
                    owned.Add(k);
                }
            }

            var shard = new StateRecorder(template.Population, template.PopulationIndex, [.. owned.Select(k => template.Neurons[k] - from)],
                template.Variable, template.VariableIndex, template.StartMs, template.IntervalMs);
            core.AddStateRecorder(shard);
            clock ??= shard;
            for (int position = 0; position < owned.Count; position++)
            {
                parts[owned[position]] = (shard, position);
            }
        }

        int first = _cores[0].Network.Populations[template.PopulationIndex].FirstId;
        _recorders.Add((template, parts, [.. template.Neurons.Select(n => ProcessOf(first + n))], clock!));
        return template;
    }

    /// <summary>
    /// Appends to each whole recorder the samples its partitions took since the last gathering (at the end of each run).
    /// Each process contributes, per recorder and new sample, the values of the recorded neurons it owns in recording
    /// order; who owns a neuron follows from the partition boundaries, so every process decodes every contribution.
    /// </summary>
    private void GatherSamples()
    {
        if (_recorders.Count == 0)
        {
            return;
        }

        var mine = new List<double>();
        foreach ((StateRecorder whole, (StateRecorder? Shard, int Position)[] parts, _, StateRecorder clock) in _recorders)
        {
            for (int s = whole.SampleCount; s < clock.SampleCount; s++)
            {
                foreach ((StateRecorder? shard, int position) in parts)
                {
                    if (shard is not null)
                    {
                        mine.Add(shard.Value(s, position));
                    }
                }
            }
        }

        double[][] all = [.. AllGather(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(mine)).ToArray()).Select(b => MemoryMarshal.Cast<byte, double>(b).ToArray())];
        int[] read = new int[all.Length];
        foreach ((StateRecorder whole, _, int[] owner, StateRecorder clock) in _recorders)
        {
            var sample = new double[owner.Length];
            for (int s = whole.SampleCount; s < clock.SampleCount; s++)
            {
                for (int rank = 0; rank < all.Length; rank++)
                {
                    for (int k = 0; k < owner.Length; k++)
                    {
                        if (owner[k] == rank)
                        {
                            sample[k] = all[rank][read[rank]++];
                        }
                    }
                }

                whole.Append(clock.TimesMs[s], sample);
            }
        }
    }

    /// <summary>Every process's <paramref name="mine"/> by rank (just this one's outside a distributed run).</summary>
    private byte[][] AllGather(byte[] mine) => _group?.AllGather(mine) ?? [mine];

    /// <summary>The process that runs neuron <paramref name="id"/> (its partition's index over the partitions per process).</summary>
    private int ProcessOf(int id)
    {
        int p = 0;
        while (p + 2 < _cuts.Length && _cuts[p + 1] <= id)
        {
            p++;
        }

        return p / _partitionsPerProcess;
    }

    public double NowMs { get; private set; }

    public long SpikeCount => _tally[0].Count;

    /// <summary>Deliveries of all partitions (of every process) up to <see cref="NowMs"/>.</summary>
    public long SynapticEvents { get; private set; }

    public ulong SpikeHashValue => _tally[0].Hash;

    /// <summary>The largest event queue of any partition (of any process).</summary>
    public long QueuePeakCount { get; private set; }

    /// <summary>Exchange and waiting time per thread (measured at every window's end), when profiling.</summary>
    private RunProfile[]? _exchange;

    /// <inheritdoc/>
    public void StartProfile()
    {
        foreach (SimulationCore core in _cores)
        {
            core.StartProfile();
        }

        _exchange ??= [.. Enumerable.Range(0, _threads).Select(_ => new RunProfile())];
    }

    /// <inheritdoc/>
    public RunProfile? Profile
    {
        get
        {
            if (_exchange is null)
            {
                return null;
            }

            var sum = new RunProfile();
            foreach (SimulationCore core in _cores)
            {
                sum.Add(core.Profile!);
            }

            foreach (RunProfile thread in _exchange)
            {
                sum.Add(thread);
            }

            sum.WaitingByThread = _threads > 1 ? [.. _exchange.Select(t => t.Seconds(ProfilePhase.Waiting))] : [];
            return sum;
        }
    }

    /// <summary>
    /// Runs every partition to <paramref name="endMs"/>, window by window, on T threads (this one and T − 1 workers;
    /// thread t runs partitions t, t + T, ...): each runs its partitions' window and publishes their sorted spikes
    /// (<see cref="Mailbox"/>); then every thread waits for every partition's, merges them and puts them in flight in its
    /// own partitions. Thread 0 records and hashes the window before's while it waits. In a distributed run thread 0
    /// instead gathers the spikes of every process, merges and records them, and the other threads wait for its merge.
    /// </summary>
    public void RunUntil(double endMs)
    {
        if (!(NowMs < endMs))
        {
            return;
        }

        Exception? failure = null;

        // State checks (NonFiniteState): every partition checks at the same grid times, before it publishes the window's
        // spikes; a find is kept per partition with its window, and every thread stops after that window (it reads the
        // window after it has read every partition's spikes, published after the find), so the first state reported is
        // the same for any partition and thread count. foundInWindow is read at every window with Volatile.Read:
        // Interlocked.Read is a locked compare-exchange, which would take the line from the other threads each time.
        var found = new NonFiniteState?[_cores.Length];
        long foundInWindow = long.MaxValue;

        // Window w's mailboxes are stamped firstStamp + w. Busy waits only where every thread has a processor.
        long firstStamp = _windowsRun + 1, windows = 0;
        int spins = _threads <= Environment.ProcessorCount ? 1 << 10 : 0;
        ArraySegment<EmittedSpike>[][] runsBy = [.. Enumerable.Range(0, _threads).Select(_ => new ArraySegment<EmittedSpike>[_cores.Length])];
        double finiteAtMs = NowMs, foundAtMs = 0;
        void Work(int p)
        {
            SimulationCore[] cores = [.. _cores.Where((_, q) => q % _threads == p)];
            int[] indices = [.. Enumerable.Range(0, _cores.Length).Where(q => q % _threads == p)];
            long window = 0;
            double lastCheck = NowMs, nextCheck = NonFiniteState.NextCheckMs(NowMs);
            void Phase(double until)
            {
                bool stopped = Volatile.Read(ref foundInWindow) < window;
                bool check = until >= nextCheck || until == endMs;
                PhaseOf(p, cores, indices, until, stopped, check ? lastCheck : double.NaN, window);
                if (check)
                {
                    (lastCheck, nextCheck) = (until, NonFiniteState.NextCheckMs(until));
                }

                window++;
            }

            // In one process every thread reads the find's window after it has read every partition's spikes of that window
            // (published after the find), so all stop together; processes keep exchanging to the end, as they do after any
            // failure, so every collective is matched.
            for (double now = NowMs; now < endMs && (_group is not null || Volatile.Read(ref foundInWindow) >= window);)
            {
                // Windows end on the clock grid when there is one; the events at a grid point (the ticks) are a phase of their own.
                if (_clockMs == 0)
                {
                    // Windows end on the grid k d_min, computed, not accumulated, so they do not drift off the checks' grid (a
                    // window may then be a rounding longer than d_min: an exact-window proof covers that); a shorter window is
                    // always safe.
                    double step = Math.Round(now / _windowMs);
                    Phase(now = Math.Min(Math.Min(endMs, nextCheck), step * _windowMs > now ? step * _windowMs : (step + 1) * _windowMs));
                    continue;
                }

                // Grid points are k h, computed as the clocked populations compute their ticks.
                double k = Math.Round(now / _clockMs);
                if (k * _clockMs == now)
                {
                    Phase(Math.BitIncrement(now));
                }
                else
                {
                    k = Math.Floor(now / _clockMs);
                }

                double windowEnd = Math.Min(Math.Min(endMs, nextCheck), (k + 1) * _clockMs);
                Phase(windowEnd);
                now = windowEnd;
            }

            if (p == 0)
            {
                windows = window; // (every thread runs as many)
            }
        }

        // Runs this thread's partitions to `until`, then (unless checkFrom is NaN) checks their states, keeping a find
        // with the window and the last check before it; then exchanges the window's spikes.
        void PhaseOf(int p, SimulationCore[] cores, int[] indices, double until, bool stopped, double checkFrom, long window)
        {
            long stamp = firstStamp + window;
            int parity = (int)(stamp & 1); // (the mailboxes of the window before stay as they are: a slower thread may be reading them)
            try
            {
                if (!stopped)
                {
                    foreach (SimulationCore core in cores)
                    {
                        if (Volatile.Read(ref failure) is null)
                        {
                            core.Advance(until);
                        }
                    }

                    for (int c = 0; c < cores.Length && !double.IsNaN(checkFrom); c++)
                    {
                        if (cores[c].FindNonFinite() is { } bad)
                        {
                            found[indices[c]] = bad;
                            (finiteAtMs, foundAtMs) = (checkFrom, until); // the same two times on every thread
                            Interlocked.CompareExchange(ref foundInWindow, window, long.MaxValue);
                        }
                    }
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }

            long exchangeStart = _exchange is null ? 0 : Stopwatch.GetTimestamp(), waited = 0;
            for (int c = 0; c < cores.Length; c++)
            {
                List<EmittedSpike> outbox = cores[c].Outbox;
                EmittedSpike.Sort(CollectionsMarshal.AsSpan(outbox));
                _mailboxes[parity][indices[c]].Publish(outbox, stamp);
                outbox.Clear();
            }

            List<EmittedSpike> merged = _mergedBy[p];
            if (_group is null || p == 0)
            {
                // The window before's spikes are recorded by thread 0 from its merge, kept until now: while it waits for
                // a partition's spikes, or else before it merges (the last window's after the threads join).
                bool record = _group is null && p == 0 && window > 0;
                ArraySegment<EmittedSpike>[] runs = runsBy[p];
                for (int q = 0; q < runs.Length; q++)
                {
                    ref Mailbox box = ref _mailboxes[parity][q];
                    if (!box.Holds(stamp))
                    {
                        if (record)
                        {
                            Record(merged);
                            record = false;
                        }

                        waited += box.Await(stamp, spins, _exchange is not null);
                    }

                    runs[q] = box.Spikes;
                }

                if (record)
                {
                    Record(merged);
                }

                merged.Clear();
                if (_group is not null)
                {
                    // Processes keep exchanging after a failure, so all of them stop at the same window end together.
                    string? elsewhere = Gather(runs, merged, failed: Volatile.Read(ref failure) is not null);
                    if (elsewhere is not null)
                    {
                        Interlocked.CompareExchange(ref failure, new InvalidOperationException(elsewhere), null);
                    }

                    if (_threads > 1)
                    {
                        _gatheredMailboxes[parity].Publish(merged, stamp);
                    }
                }
                else if (Volatile.Read(ref failure) is null)
                {
                    EmittedSpike.Merge(runs, merged);
                }
            }
            else
            {
                ref Mailbox box = ref _gatheredMailboxes[parity];
                waited += box.Await(stamp, spins, _exchange is not null);
                merged.Clear();
                merged.AddRange(box.Spikes);
            }

            foreach (SimulationCore core in cores)
            {
                core.Receive(merged);
            }

            _exchange?[p].AddMeasured(ProfilePhase.Exchange, Stopwatch.GetTimestamp() - exchangeStart - waited);
            _exchange?[p].AddMeasured(ProfilePhase.Waiting, waited);
        }

        var workers = Enumerable.Range(1, _threads - 1).Select(p => new Thread(() => Work(p)) { IsBackground = true, Name = $"partitions {p}" }).ToArray();
        foreach (Thread w in workers)
        {
            w.Start();
        }

        Work(0);
        foreach (Thread w in workers)
        {
            w.Join();
        }

        _windowsRun += windows;

        if (_group is null)
        {
            Record(_mergedBy[0]); // the last window's (no window after it)
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure); // with the worker's stack trace
        }

        NowMs = foundInWindow == long.MaxValue || _group is not null ? endMs : foundAtMs; // where a single core stops too
        Exception? bad = foundInWindow == long.MaxValue ? null : found.Min()!.Value.ToException(_network, finiteAtMs, foundAtMs);
        GatherCounts();
        GatherSamples();
        if ((_group?.Max(bad is null ? 0 : 1) ?? 0) > 0 || bad is not null)
        {
            throw bad ?? new NonFiniteStateException($"another process's state became non-finite before t = {endMs} ms (see its error)");
        }
    }

    /// <summary>Sums the partitions' deliveries and takes the largest queue, over every process.</summary>
    private void GatherCounts()
    {
        long events = _cores.Sum(c => c.SynapticEvents), peak = _cores.Max(c => c.QueuePeakCount);
        (SynapticEvents, QueuePeakCount) = _group is null ? (events, peak) : (_group.Sum(events), _group.Max(peak));
    }

    /// <summary>Saves or restores the run's clock, count and hash, then each partition's state.</summary>
    public void Checkpoint(Checkpoints.StateArchive a)
    {
        a.Section("partitions");
        a.Same(_cores.Length, "partitions of this process");
        (double now, long events, long peak) = (NowMs, SynapticEvents, QueuePeakCount);
        a.Value(ref now);
        a.Value(ref _tally[0].Count);
        a.Value(ref events); // as gathered over every process (no collective here: a process may fail to read its file)
        a.Value(ref peak);
        a.Value(ref _tally[0].Hash);
        (NowMs, SynapticEvents, QueuePeakCount) = (now, events, peak);
        foreach (SimulationCore core in _cores)
        {
            core.Checkpoint(a);
        }

        foreach ((StateRecorder whole, _, _, _) in _recorders)
        {
            whole.Checkpoint(a);
        }
    }

    /// <summary>
    /// Merges this process's partitions' spikes of the window (<paramref name="local"/>) into <paramref name="into"/>,
    /// gathers every process's, and merges those in a single core's order into it instead; counts, hashes and records
    /// them. Each process's contribution ends with a byte saying whether it failed; returns a message when another
    /// process did (this one's own failure, <paramref name="failed"/>, is already known here), leaving
    /// <paramref name="into"/> empty then, as on a failure here.
    /// </summary>
    private string? Gather(ReadOnlySpan<ArraySegment<EmittedSpike>> local, List<EmittedSpike> into, bool failed)
    {
        EmittedSpike.Merge(local, into);
        ReadOnlySpan<byte> spikes = MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(into));
        byte[] mine = new byte[spikes.Length + 1];
        spikes.CopyTo(mine);
        mine[^1] = failed ? (byte)1 : (byte)0;
        byte[][] all = AllGather(mine);
        into.Clear();
        ArraySegment<EmittedSpike>[] parts = _gathered ??= [.. all.Select(_ => new ArraySegment<EmittedSpike>(new EmittedSpike[SimulationCore.OutboxCapacity]))];
        for (int rank = 0; rank < all.Length; rank++)
        {
            if (all[rank][^1] != 0 && !failed)
            {
                return $"process {rank} of the distributed run failed (see its error)";
            }

            ReadOnlySpan<EmittedSpike> part = MemoryMarshal.Cast<byte, EmittedSpike>(all[rank].AsSpan(0, all[rank].Length - 1));
            EmittedSpike[] kept = parts[rank].Array!.Length >= part.Length ? parts[rank].Array! : new EmittedSpike[part.Length];
            part.CopyTo(kept);
            parts[rank] = new ArraySegment<EmittedSpike>(kept, 0, part.Length);
        }

        if (failed)
        {
            return null;
        }

        EmittedSpike.Merge(parts, into); // each process's part is in order already
        Record(into);
        return null;
    }

    /// <summary>Counts, hashes and records the window's merged spikes.</summary>
    private void Record(List<EmittedSpike> merged)
    {
        ref Tally tally = ref _tally[0];
        foreach (EmittedSpike s in merged)
        {
            tally.Count++;
            tally.Hash = SpikeHash.Add(tally.Hash, s.TimeMs, s.Id);
            Recorder?.Add(s.TimeMs, s.Id);
        }
    }

    /// <summary>
    /// What recording a window writes, padded to lines of its own: thread 0 writes it at every window, and on the run's
    /// own lines it shared one with fields every thread reads at every window (the clock step, the mailboxes), which each
    /// write took from the other threads (CUBA at 40,000 neurons, two threads, twelve alternating pairs: 0.979 of the
    /// time moved here, and 0.964 more for the find's window read without a locked instruction).
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct Tally()
    {
        [FieldOffset(64)]
        public long Count;

        [FieldOffset(72)]
        public ulong Hash = SpikeHash.Seed;
    }
}
