using System.Diagnostics;
using System.Runtime.CompilerServices;
using SpikeCore.Compiled;
using SpikeCore.Partitions;
using SpikeCore.Recording;
using SpikeCore.Runtimes;
using SpikeCore.Scheduling;

namespace SpikeCore.Running;

/// <summary>
/// The discrete-event loop: a queue of deliveries, ticks, stimuli and recorder samples, and the next possible emission
/// of every event-driven neuron. In event mode an indexed heap holds those: whichever is earlier runs next, and at equal
/// times queued events run first (inputs at t are seen before a neuron fires at t). In windows
/// (<see cref="SchedulerMode.Windows"/>) an emitter calendar holds them and a neuron is run only up to an input's time
/// before the input, and up to the window's end after the window's events: the same per-neuron order.
/// </summary>
/// <remarks>
/// What a model's runtime sees of it: the time now, and three calls, each without a virtual dispatch:
/// <see cref="SetEmitterTime"/> (when an event-driven neuron may next fire), <see cref="ScheduleTick"/> (a clocked
/// population's next step) and <see cref="Spike"/> (a neuron fires).
/// </remarks>
public sealed class SimulationCore : IRun
{
    private readonly SynapseTable _synapses;

    /// <summary>The blocks of <see cref="_synapses"/> as a delivery reads them (<see cref="SynapseBlock"/>).</summary>
    private readonly SynapseBlock[] _blocks;
    private readonly int[] _populationOf;
    private readonly float[]? _weights;

    /// <summary>With shared weights: per projection, its weight repeated over its largest block (what a block delivers).</summary>
    private readonly float[][] _sharedWeights = [];

    /// <summary>Runtime of each projection's plastic synapses (null: static).</summary>
    private readonly SynapseRuntime?[] _plastic;

    /// <summary>Per population, the plastic projections that learn from its spikes (null: none).</summary>
    private readonly SynapseRuntime[]?[] _postListeners;
    private readonly EventQueue _queue = new();

    /// <summary>The emitter keys in order (event mode), or by window (<see cref="SchedulerMode.Windows"/>): exactly one is set.</summary>
    private readonly EmitterHeap? _emitters;
    private readonly EmitterCalendar? _calendar;

    /// <summary>In windows, per population: whether a delivery first brings its targets up to the input (<see cref="PopulationRuntime.SchedulerBringsTargetsUp"/>).</summary>
    private readonly bool[] _bringTargetsUp;

    /// <summary>The phases of this core's runs, when profiling (<see cref="SimulationOptions.Profile"/>).</summary>
    internal RunProfile? Profile { get; private set; }

    RunProfile? IRun.Profile => Profile;

    /// <summary>Starts counting and timing this core's events by phase.</summary>
    internal void StartProfile() => Profile ??= new RunProfile();

    void IRun.StartProfile() => StartProfile();
    private readonly List<StateRecorder> _stateRecorders = [];
    private readonly List<(PopulationRuntime Target, CurrentInjectionSchedule Schedule)> _stimuli = [];
    private ulong _hash = SpikeHash.Seed;

    /// <summary>Spikes of each neuron this core owns, by global id (<see cref="Simulation.SpikeCounts"/>).</summary>
    private readonly long[] _spikeCounts;

    /// <summary>Whether plastic projections change <see cref="_weights"/> (then checkpoints save them).</summary>
    private readonly bool _weightsChange;

    /// <summary>In a partitioned run: this partition's spikes of the current window (null otherwise).</summary>
    private readonly List<EmittedSpike>? _outbox;

    /// <summary>Spikes per window an outbox holds before it grows (a window's spikes are rarely more).</summary>
    internal const int OutboxCapacity = 1024;

    /// <summary>The event being processed, as a partitioned core keys its spikes: from an emitter, or queued (kind, source).</summary>
    private bool _atEmitter;
    private byte _atKind;
    private int _atSource;

    /// <param name="network">The network.</param>
    /// <param name="runtimes">One runtime per population (in a partitioned run: this partition's slices, possibly empty).</param>
    /// <param name="plastic">The plastic projections' runtimes (null entries: static).</param>
    /// <param name="weights">The weights by synapse index (null when the table keeps one per projection).</param>
    /// <param name="recorder">Where spikes go (null: counted and hashed only).</param>
    /// <param name="table">The synapse table (default: the network's; in a partitioned run, this partition's view).</param>
    /// <param name="partitioned">Spikes go to <see cref="Outbox"/> instead of being recorded and delivered here.</param>
    /// <param name="windowMs">
    /// In a partitioned run, the windows' width when its cores run in windows (<see cref="SchedulerMode.Windows"/>: every
    /// <see cref="Advance"/> ends no more than this after the last), or 0 for event mode.
    /// </param>
    internal SimulationCore(Network network, PopulationRuntime[] runtimes, SynapseRuntime?[] plastic, float[]? weights, SpikeRecorder? recorder,
        SynapseTable? table = null, bool partitioned = false, double windowMs = 0)
    {
        Debug.Assert(windowMs == 0 || partitioned, "a core in windows leaves the windows' exchange to its partitioned run");
        Network = network;
        Runtimes = runtimes;
        Recorder = recorder;
        _synapses = table ?? network.Synapses;
        _blocks = _synapses.Blocks;
        PrefetchesAhead = TargetsOutOfCache(network);
        _outbox = partitioned ? new(OutboxCapacity) : null;
        _populationOf = network.PopulationOf;
        WindowMs = windowMs;
        if (windowMs > 0)
        {
            _calendar = new EmitterCalendar(network.NeuronCount, windowMs, NowMs);
        }
        else
        {
            _emitters = new EmitterHeap(network.NeuronCount);
        }

        _spikeCounts = new long[network.NeuronCount];
        _tickGroup = TickGroup(runtimes);
        _tickSource = [.. Enumerable.Range(0, runtimes.Length).Select(p => _tickGroup is not { } g || Array.IndexOf(g, p) < 0 ? p : p == g[^1] ? g[0] : -1)];
        _bringTargetsUp = [.. runtimes.Select(r => _calendar is not null && r.SchedulerBringsTargetsUp)];
        _plastic = plastic;
        _weights = weights;
        _weightsChange = plastic.Any(r => r is not null && network.Spec.Projections[r.Layout.Projection].Synapse!.ChangesWeights);
        if (_synapses.ProjectionWeight is { } shared)
        {
            var largest = new int[shared.Length];
            for (int b = 0; b < _synapses.BlockCount; b++)
            {
                int p = _synapses.Blocks[b].Projection;
                largest[p] = Math.Max(largest[p], _synapses.Blocks[b].Count);
            }

            _sharedWeights = [.. shared.Select((w, p) => Enumerable.Repeat(w, largest[p]).ToArray())];
        }
        _postListeners = new SynapseRuntime[]?[runtimes.Length];
        for (int p = 0; p < runtimes.Length; p++)
        {
            SynapseRuntime[] listeners = plastic
                .Where(r => r is not null && network.Spec.Projections[r.Layout.Projection].Synapse!.LearnsFromPostSpikes && r.Layout.Target == runtimes[p])
                .Select(r => r!)
                .ToArray();
            _postListeners[p] = listeners.Length > 0 ? listeners : null;
        }
    }

    internal Network Network { get; }

    internal PopulationRuntime[] Runtimes { get; }

    internal SpikeRecorder? Recorder { get; }

    /// <summary>The simulated time of the event being processed (or where the last run stopped).</summary>
    public double NowMs { get; private set; }

    internal long SpikeCount { get; private set; }

    internal long SynapticEvents { get; private set; }

    internal ulong SpikeHashValue => _hash;

    internal long QueuePeakCount { get; private set; }

    /// <summary>Events pending now, and how many the queue holds before it grows (soak measurements).</summary>
    internal (int Count, int Capacity) Queue => (_queue.Count, _queue.Capacity);

    /// <summary>Attaches every population and schedules the stimuli.</summary>
    internal void Start()
    {
        foreach (PopulationRuntime r in Runtimes)
        {
            r.Start(this, NowMs);
        }

        foreach (Building.CurrentInjection c in Network.Spec.Currents)
        {
            PopulationRuntime target = Runtimes[Network.Population(c.Population).Index];
            _stimuli.Add((target, new CurrentInjectionSchedule(c.TimesMs.ToArray(), c.Amplitudes.ToArray())));
            _queue.Push(c.TimesMs[0], EventKind.Stimulus, _stimuli.Count - 1, 0);
        }
    }

    SpikeRecorder? IRun.Recorder => Recorder;

    long IRun.SpikeCount => SpikeCount;

    long IRun.SynapticEvents => SynapticEvents;

    ulong IRun.SpikeHashValue => SpikeHashValue;

    long IRun.QueuePeakCount => QueuePeakCount;

    (int Count, int Capacity) IRun.Queue => Queue;

    void IRun.RunUntil(double endMs) => RunUntil(endMs);

    void IRun.Checkpoint(Checkpoints.StateArchive a) => Checkpoint(a);

    StateRecorder IRun.AddStateRecorder(StateRecorder recorder)
    {
        AddStateRecorder(recorder);
        return recorder;
    }

    float[]? IRun.Weights(int projection)
    {
        _plastic[projection]?.Synchronize();
        return _weights;
    }

    float[]? IRun.LiveWeights(int projection)
    {
        if (_plastic[projection] is not { StoresWrittenWeights: true } runtime)
        {
            return null;
        }

        runtime.Synchronize();
        return _weights;
    }

    void IRun.AddSpikeCounts(int firstId, Span<long> counts)
    {
        ReadOnlySpan<long> mine = _spikeCounts.AsSpan(firstId, counts.Length);
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] += mine[i];
        }
    }

    void IRun.ReadState(int population, int variable, Span<double> values)
    {
        PopulationRuntime r = Runtimes[population];
        for (int i = 0; i < r.Count; i++)
        {
            values[i] = r.Sample(i, variable, NowMs);
        }
    }

    IReadOnlyList<(string Name, decimal Value)> IRun.Meters(int projection) => _plastic[projection]?.Meters ?? [];

    void IRun.SetParameter(int population, string name, ReadOnlySpan<double> values) => Runtimes[population].SetParameter(name, values, NowMs);

    void IRun.SetWeights(int projection, ReadOnlySpan<int> tableIndices, ReadOnlySpan<float> values) => WriteWeights(projection, tableIndices, values);

    /// <summary>
    /// Overwrites weights of plastic projection <paramref name="projection"/>: <paramref name="values"/>[k] at table index
    /// <paramref name="tableIndices"/>[k] (−1: a synapse another partition holds), after its runtime applied what it owed.
    /// </summary>
    internal void WriteWeights(int projection, ReadOnlySpan<int> tableIndices, ReadOnlySpan<float> values)
    {
        SynapseRuntime runtime = _plastic[projection] ?? throw new InvalidOperationException($"projection {projection} has no plastic weights");
        runtime.Synchronize();
        runtime.Overwrite(tableIndices, values, NowMs);
    }

    internal void AddStateRecorder(StateRecorder recorder)
    {
        _stateRecorders.Add(recorder);
        _queue.Push(recorder.NextSampleMs, EventKind.Record, _stateRecorders.Count - 1, 0);
    }

    /// <summary>Sets when event-driven neuron <paramref name="globalId"/> may next emit (a lower bound or the exact time; +∞ for never).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetEmitterTime(int globalId, double timeMs)
    {
        if (_calendar is { } calendar)
        {
            calendar.Update(globalId, timeMs);
        }
        else
        {
            _emitters!.Update(globalId, timeMs);
        }
    }

    /// <summary>
    /// Whether deliveries prefetch ahead of the loops' own prefetching: the exchange asks for the received spikes' rows
    /// (<see cref="Receive(List{EmittedSpike})"/>), and a model for the state of a block's first targets. Only for networks
    /// of more than 4 MB of targets, whose rows and targets come from memory (CUBA, 40,000 neurons, 12.8 MB: 13-15% faster
    /// when the rows were asked for one delivery ahead, six pinned pairs, and 9% more from the exchange; CUBA, 4,000
    /// neurons, 1.3 MB, in cache: 1.5-1.9% slower with them). Asking one delivery ahead as well, once the exchange does,
    /// was no faster (1.006 and 0.997, ten pinned rounds each), so a window no longer does. The whole network's size
    /// decides, not a partition's: a thread running several partitions, or threads sharing a cache, see all of their
    /// tables (CUBA, 40,000 neurons, four partitions of 3.2 MB on one thread: deliveries took 0.80 s without, 0.29 s with).
    /// </summary>
    internal bool PrefetchesAhead { get; }

    /// <summary>The size of a network's targets from which deliveries prefetch ahead (<see cref="PrefetchesAhead"/>).</summary>
    internal const long RowPrefetchMinBytes = 4 << 20;

    /// <summary>Whether <paramref name="network"/>'s targets take more than <see cref="RowPrefetchMinBytes"/>, so that deliveries prefetch ahead.</summary>
    internal static bool TargetsOutOfCache(Network network) => TargetBytes(network) > RowPrefetchMinBytes;

    /// <summary>The bytes of <paramref name="network"/>'s synapse targets.</summary>
    internal static long TargetBytes(Network network) => (long)network.Synapses.Target.Length * sizeof(int);

    /// <summary>The windows' longest width (the minimum delay) when this core runs in windows (<see cref="SchedulerMode.Windows"/>), else 0.</summary>
    public double WindowMs { get; }

    /// <summary>Schedules the next tick of clocked population <paramref name="population"/>.</summary>
    public void ScheduleTick(int population, double timeMs)
    {
        int source = _tickSource[population];
        if (source >= 0)
        {
            _queue.Push(timeMs, EventKind.Tick, source, 0);
        }
    }

    /// <summary>
    /// Per population, the source its next tick is pushed with: its own index, or in the <see cref="_tickGroup"/> the
    /// group's first member for its last (the group's tick is pushed once) and −1 for the others.
    /// </summary>
    private readonly int[] _tickSource;

    /// <summary>
    /// The clocked populations (<see cref="ClockedRuntime"/>) when there are two or more and all step with the same h from
    /// the same start (null otherwise): they tick as one event, in population order, and each step costs one push and
    /// one pop instead of one per population. The order is the same: ticks at one time are ordered by population (the
    /// queue orders by time, kind, then source), and nothing of another kind falls between two of them.
    /// </summary>
    private readonly int[]? _tickGroup;

    private static int[]? TickGroup(PopulationRuntime[] runtimes)
    {
        int[] clocked = [.. Enumerable.Range(0, runtimes.Length).Where(p => runtimes[p] is ClockedRuntime)];
        return clocked.Length > 1 && clocked.All(p => ((ClockedRuntime)runtimes[p]).StepMs == ((ClockedRuntime)runtimes[clocked[0]]).StepMs) ? clocked : null;
    }

    /// <summary>
    /// A tick: its population's step, or every population of the group's (each with its own index as the event's source,
    /// which orders the spikes it emits in partitioned runs). A member's own tick can only come from a checkpoint written
    /// before ticks were grouped, where the group's tick at the same time steps it: it is skipped.
    /// </summary>
    private void Tick(in ScheduledEvent e)
    {
        if (_tickGroup is not { } group)
        {
            Runtimes[e.Source].OnTick(e.TimeMs);
            return;
        }

        if (e.Source != group[0])
        {
            return;
        }

        foreach (int p in group)
        {
            _atSource = p;
            Runtimes[p].OnTick(e.TimeMs);
        }
    }

    /// <summary>Neuron <paramref name="globalId"/> spikes at <paramref name="timeMs"/>: record it and put its first delay group in flight.</summary>
    public void Spike(int globalId, double timeMs)
    {
        int population = _populationOf[globalId];
        _spikeCounts[globalId]++;
        if (_postListeners[population] is { } listeners)
        {
            int local = globalId - Runtimes[population].FirstId; // in a partition: within its slice, as the synapses there number targets
            foreach (SynapseRuntime r in listeners)
            {
                r.OnPostSpike(local, timeMs);
            }
        }

        if (_outbox is not null)
        {
            _outbox.Add(new EmittedSpike(NowMs, _atEmitter, _atKind, _atSource, timeMs, globalId));
            return;
        }

        SpikeCount++;
        _hash = SpikeHash.Add(_hash, timeMs, globalId);
        Recorder?.Add(timeMs, globalId);

        Receive(globalId, timeMs);
    }

    /// <summary>
    /// Receives <paramref name="spikes"/> (<see cref="Receive(int, double)"/>). When deliveries prefetch ahead
    /// (<see cref="PrefetchesAhead"/>), it first asks for what their deliveries, a window later, read first, in three
    /// passes whose misses overlap: the row starts, then the first blocks' metadata, then their first targets. Asked for
    /// here rather than one delivery ahead, where the block's synapse start was a miss the delivery waited for: CUBA,
    /// 40,000 neurons, 9% faster (eight pinned rounds each: the delays 0.966, the rest 0.922 and 0.977). Asking for the
    /// first targets' states here as well was slower (1.036).
    /// </summary>
    internal void Receive(List<EmittedSpike> spikes)
    {
        if (PrefetchesAhead)
        {
            int[] rows = _synapses.RowBlockStart;
            foreach (EmittedSpike s in spikes)
            {
                Prefetch.Read(ref rows[s.Id]);
            }

            foreach (EmittedSpike s in spikes)
            {
                if (rows[s.Id] < rows[s.Id + 1])
                {
                    PrefetchBlock(rows[s.Id]);
                }
            }

            foreach (EmittedSpike s in spikes)
            {
                if (rows[s.Id] < rows[s.Id + 1])
                {
                    PrefetchTargets(rows[s.Id]);
                }
            }
        }

        foreach (EmittedSpike s in spikes)
        {
            Receive(s.Id, s.TimeMs);
        }
    }

    /// <summary>Puts the first delay group of <paramref name="globalId"/>'s row (in this core's table) in flight.</summary>
    internal void Receive(int globalId, double timeMs)
    {
        int b = _synapses.RowBlockStart[globalId];
        if (b < _synapses.RowBlockStart[globalId + 1])
        {
            _queue.Push(timeMs + _synapses.BlockDelayMs[b], EventKind.Delivery, globalId, b, timeMs);
            if (_queue.Count > QueuePeakCount)
            {
                QueuePeakCount = _queue.Count;
            }
        }
    }

    /// <summary>A partitioned core's spikes of the window so far, in the order it emitted them (its thread empties it once it has handed them over).</summary>
    internal List<EmittedSpike> Outbox => _outbox!;

    /// <summary>The last time every state was checked and found finite.</summary>
    internal double FiniteAtMs { get; private set; }

    /// <summary>
    /// Processes every event before <paramref name="endMs"/> (events at or after it stay pending, so a run can continue
    /// exactly), checking on the way that every state stays finite (see <see cref="NonFiniteState"/>).
    /// </summary>
    /// <exception cref="NonFiniteStateException">A state became non-finite: which, and between which two checks.</exception>
    internal void RunUntil(double endMs) => Run(endMs, checks: true);

    /// <summary>Processes every event before <paramref name="endMs"/> without checking the state (a partition's window).</summary>
    internal void Advance(double endMs) => Run(endMs, checks: false);

    /// <remarks>
    /// One loop for the whole run, the checks on its way out at each stop: measured on CUBA, calling a loop once per
    /// check interval instead cost ~8% (the method ran unoptimised for its first calls).
    /// </remarks>
    private void Run(double endMs, bool checks)
    {
        if (_calendar is not null)
        {
            RunWindow(endMs);
            return;
        }

        EventQueue queue = _queue;
        EmitterHeap emitters = _emitters!;
        double stopMs = checks ? Math.Min(endMs, NonFiniteState.NextCheckMs(NowMs)) : endMs;
        while (true)
        {
            double tq = queue.PeekTimeMs;
            double te = emitters.TopTimeMs;
            if (te < tq)
            {
                if (!(te < stopMs))
                {
                    if (Stop(ref stopMs, endMs, checks))
                    {
                        break;
                    }

                    continue;
                }

                NowMs = te;
                (_atEmitter, _atKind, _atSource) = (true, 0, 0);
                int id = emitters.TopId;
                PopulationRuntime r = Runtimes[_populationOf[id]];
                long started = Profile is { } profile && profile.Sample() ? Stopwatch.GetTimestamp() : -1;
                r.OnEmitterDue(id - r.FirstId, te);
                Profile?.Add(ProfilePhase.NeuronEvents, started);
            }
            else
            {
                if (!(tq < stopMs))
                {
                    if (Stop(ref stopMs, endMs, checks))
                    {
                        break;
                    }

                    continue;
                }

                Process(queue.Pop());
            }
        }
    }

    /// <summary>Runs one queued event (in windows a new current or a sample at t first brings every neuron up to t).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Process(in ScheduledEvent e)
    {
        long started = Profile is { } profile && profile.Sample() ? Stopwatch.GetTimestamp() : -1;
        if (_calendar is not null && (e.Kind is EventKind.Stimulus or EventKind.Record))
        {
            FlushDue(e.TimeMs);
        }

        NowMs = e.TimeMs;
        (_atEmitter, _atKind, _atSource) = (false, (byte)e.Kind, e.Source);
        switch (e.Kind)
        {
            case EventKind.Delivery:
                Deliver(in e);
                break;
            case EventKind.Tick:
                Tick(in e);
                break;
            case EventKind.Stimulus:
                ApplyStimulus(in e);
                break;
            case EventKind.Record:
                Sample(in e);
                break;
        }

        Profile?.Add(PhaseOf(e.Kind), started, e.Kind == EventKind.Tick && _tickGroup is { } group && e.Source == group[0] ? group.Length : 1);
    }

    /// <summary>
    /// Runs the queued events before <paramref name="endMs"/> in time order (each delivery's targets first brought up to
    /// its time), then every neuron up to <paramref name="endMs"/>: a window (<see cref="SchedulerMode.Windows"/>).
    /// </summary>
    private void RunWindow(double endMs)
    {
        foreach (PopulationRuntime r in Runtimes)
        {
            r.BeginWindow(NowMs, endMs);
        }

        EventQueue queue = _queue;
        while (queue.PeekTimeMs < endMs)
        {
            Process(queue.Pop());
        }

        long flushed = Profile is { } p && p.Sample() ? Stopwatch.GetTimestamp() : -1;
        FlushDue(endMs);
        Profile?.Add(ProfilePhase.NeuronEvents, flushed, _visits - _visitsCounted);
        _visitsCounted = _visits;
        NowMs = endMs;
    }

    /// <summary>Starts loading block <paramref name="b"/>'s metadata.</summary>
    private void PrefetchBlock(int b)
    {
        Prefetch.Read(ref _synapses.BlockDelayMs[b]);
        Prefetch.Read(ref _blocks[b]);
        if (b + 1 < _blocks.Length)
        {
            Prefetch.Read(ref _blocks[b + 1]); // the row's next block, on the next line one time in four
        }
    }

    /// <summary>Starts loading the first 256 bytes of block <paramref name="b"/>'s targets.</summary>
    private void PrefetchTargets(int b)
    {
        int[] targets = _synapses.Target;
        for (int k = _blocks[b].SynapseStart, end = Math.Min(k + 64, targets.Length); k < end; k += 16)
        {
            Prefetch.Read(ref targets[k]);
        }
    }

    /// <summary>Brings every neuron whose key is before <paramref name="untilMs"/> up to it.</summary>
    private void FlushDue(double untilMs)
    {
        var visitor = new DueVisitor(this);
        _calendar!.Flush(untilMs, ref visitor);
    }

    /// <summary>
    /// Runs emitter <paramref name="id"/> while its key is before <paramref name="untilMs"/>: each visit is the emitter
    /// heap's top in event mode, at the same time (spikes are keyed as they are there, so the window's merge orders them
    /// the same).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Resolve(int id, double untilMs)
    {
        double[] keys = _calendar!.Keys;
        PopulationRuntime r = Runtimes[_populationOf[id]];
        Prefetch.Read(ref _spikeCounts[id]); // in case this visit fires it: the count's miss overlaps the visit
        (double now, bool atEmitter, byte kind, int source) = (NowMs, _atEmitter, _atKind, _atSource);
        for (double key = keys[id]; key < untilMs; key = keys[id])
        {
            _visits++;
            NowMs = key;
            (_atEmitter, _atKind, _atSource) = (true, 0, 0);
            r.OnEmitterDue(id - r.FirstId, key);
        }

        (NowMs, _atEmitter, _atKind, _atSource) = (now, atEmitter, kind, source);
    }

    /// <summary>Visits so far, and those a profile has counted (each window's, before inputs and at its end, with its flush).</summary>
    private long _visits, _visitsCounted;

    /// <summary>Counts one <paramref name="what"/> when the run is profiled (a model's own work: proofs, root searches).</summary>
    public void Count(ProfileCount what) => Profile?.Increment(what);

    private readonly struct DueVisitor(SimulationCore core) : IEmitterVisitor
    {
        public void Visit(int id, double untilMs) => core.Resolve(id, untilMs);
    }

    private static ProfilePhase PhaseOf(EventKind kind) => kind switch
    {
        EventKind.Delivery => ProfilePhase.Delivery,
        EventKind.Tick => ProfilePhase.ClockedSteps,
        EventKind.Stimulus => ProfilePhase.Stimulus,
        _ => ProfilePhase.Recording,
    };

    /// <summary>Every event before <paramref name="stopMs"/> is done: check the state there (when asked); true at the run's end, else the next stop.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Stop(ref double stopMs, double endMs, bool checks)
    {
        NowMs = stopMs;
        if (checks)
        {
            if (FindNonFinite() is { } bad)
            {
                throw bad.ToException(Network, FiniteAtMs, stopMs);
            }

            FiniteAtMs = stopMs;
        }

        if (stopMs >= endMs)
        {
            return true;
        }

        stopMs = Math.Min(endMs, NonFiniteState.NextCheckMs(stopMs));
        return false;
    }

    /// <summary>
    /// Saves or restores everything that changes while running: clock, counters and hash, the event queue, the emitter
    /// heap, the weights plastic projections change, every population's and plastic projection's state, and the state
    /// recorders' samples. Restoring goes into a core built and started for the same network (and attached recorders).
    /// </summary>
    internal void Checkpoint(Checkpoints.StateArchive a)
    {
        a.Section("scheduler");
        (double now, long spikes, long events, long peak) = (NowMs, SpikeCount, SynapticEvents, QueuePeakCount);
        a.Value(ref now);
        a.Value(ref spikes);
        a.Value(ref events);
        a.Value(ref peak);
        a.Value(ref _hash);
        a.Values(_spikeCounts.AsSpan());
        (NowMs, SpikeCount, SynapticEvents, QueuePeakCount) = (now, spikes, events, peak);
        FiniteAtMs = NowMs; // saved after a run, which ends with a check
        _queue.Checkpoint(a);
        if (a.Loading)
        {
            foreach (ScheduledEvent e in _queue.Pending())
            {
                if (!BelongsHere(e))
                {
                    throw a.Mismatch($"the event queue holds a {e.Kind} event this network cannot have (source {e.Source}, block {e.Block}, at {e.TimeMs} ms)");
                }
            }
        }

        if (_calendar is not null)
        {
            _calendar.Checkpoint(a, NowMs);
        }
        else
        {
            _emitters!.Checkpoint(a);
        }

        if (_weightsChange)
        {
            a.Values(_weights.AsSpan());
        }

        foreach (PopulationRuntime r in Runtimes)
        {
            a.Section($"population '{r.Info.Name}' ({r.Info.Model.Name})");
            r.Checkpoint(a);
        }

        foreach (SynapseRuntime? r in _plastic)
        {
            if (r is not null)
            {
                a.Section($"projection {r.Layout.Projection} ({Network.Spec.Projections[r.Layout.Projection].Synapse!.Name})");
                r.Checkpoint(a);
            }
        }

        a.Section("state recorders");
        a.Same(_stateRecorders.Count, "recorders");
        foreach (StateRecorder recorder in _stateRecorders)
        {
            recorder.Checkpoint(a);
        }
    }

    /// <summary>Whether a loaded event names things of this network: a block of its source's row at that block's delay, a clocked population, a stimulus step, a recorder.</summary>
    private bool BelongsHere(in ScheduledEvent e) => e.Kind switch
    {
        EventKind.Delivery => (uint)e.Source < (uint)Network.NeuronCount
            && e.Block >= _synapses.RowBlockStart[e.Source] && e.Block < _synapses.RowBlockStart[e.Source + 1]
            && e.TimeMs == e.EmitTimeMs + _synapses.BlockDelayMs[e.Block],
        EventKind.Tick => (uint)e.Source < (uint)Runtimes.Length && Runtimes[e.Source].Info.Model.ClockStepMs > 0,
        EventKind.Stimulus => (uint)e.Source < (uint)_stimuli.Count && (uint)e.Block < (uint)_stimuli[e.Source].Schedule.TimesMs.Length,
        _ => (uint)e.Source < (uint)_stateRecorders.Count,
    };

    /// <summary>The first neuron (then plastic synapse) of this core whose state is not finite, numbered in its whole population or projection; null when all are.</summary>
    internal NonFiniteState? FindNonFinite()
    {
        foreach (PopulationRuntime r in Runtimes)
        {
            int bad = r.FirstNonFiniteNeuron();
            if (bad >= 0)
            {
                return new NonFiniteState(false, r.Info.Index, bad + r.FirstId - Network.Populations[r.Info.Index].FirstId); // a partition's slice counts from its own first neuron
            }
        }

        foreach (SynapseRuntime? r in _plastic)
        {
            int bad = r?.FirstNonFiniteSynapse() ?? -1;
            if (bad >= 0)
            {
                return new NonFiniteState(true, r!.Layout.Projection, r.Layout.WholeSynapse(bad));
            }
        }

        return null;
    }

    private void Deliver(in ScheduledEvent e)
    {
        SynapseBlock[] blocks = _blocks;
        int[] targets = _synapses.Target;
        int b = e.Block;
        long events = 0;
        bool sameDelay, laterDelay;
        do
        {
            ref readonly SynapseBlock k = ref blocks[b];
            ReadOnlySpan<int> blockTargets = targets.AsSpan(k.SynapseStart, k.Count);
            if (_bringTargetsUp[k.TargetPopulation])
            {
                BringTargetsUpTo(e.TimeMs, Runtimes[k.TargetPopulation].FirstId, blockTargets);
            }

            if (_plastic[k.Projection] is { } plastic)
            {
                plastic.Deliver(e.TimeMs, b, k.SynapseStart, k.Count, k.Receptor);
            }
            else
            {
                ReadOnlySpan<float> weights = _weights is { } all ? all.AsSpan(k.SynapseStart, k.Count) : _sharedWeights[k.Projection].AsSpan(0, k.Count);
                PopulationRuntime target = Runtimes[k.TargetPopulation];
                if (k.Dense)
                {
                    target.DeliverDense(e.TimeMs, blockTargets[0], weights, k.Receptor);
                }
                else
                {
                    target.Deliver(e.TimeMs, blockTargets, weights, k.Receptor);
                }
            }

            events += k.Count;
            (sameDelay, laterDelay) = (k.SameDelayFollows, k.LaterDelayFollows);
            b++;
        }
        while (sameDelay);

        SynapticEvents += events;
        if (laterDelay)
        {
            _queue.Push(e.EmitTimeMs + _synapses.BlockDelayMs[b], EventKind.Delivery, e.Source, b, e.EmitTimeMs);
        }
    }

    /// <summary>In windows: runs every target whose key is before <paramref name="timeMs"/> up to it, before its input at <paramref name="timeMs"/>.</summary>
    private void BringTargetsUpTo(double timeMs, int firstId, ReadOnlySpan<int> targets)
    {
        double[] keys = _calendar!.Keys;
        foreach (int local in targets)
        {
            if (keys[firstId + local] < timeMs)
            {
                Resolve(firstId + local, timeMs);
            }
        }
    }

    /// <summary>In windows: runs neuron <paramref name="globalId"/>'s events before <paramref name="timeMs"/> (its key is before it), before its input at that time.</summary>
    public void BringUpTo(int globalId, double timeMs) => Resolve(globalId, timeMs);

    private void ApplyStimulus(in ScheduledEvent e)
    {
        (PopulationRuntime target, CurrentInjectionSchedule schedule) = _stimuli[e.Source];
        target.SetCurrent(schedule.Amplitudes[e.Block], e.TimeMs);
        if (e.Block + 1 < schedule.TimesMs.Length)
        {
            _queue.Push(schedule.TimesMs[e.Block + 1], EventKind.Stimulus, e.Source, e.Block + 1);
        }
    }

    private void Sample(in ScheduledEvent e)
    {
        StateRecorder recorder = _stateRecorders[e.Source];
        recorder.SampleAt(e.TimeMs, Runtimes);
        _queue.Push(recorder.NextSampleMs, EventKind.Record, e.Source, 0);
    }

    private readonly record struct CurrentInjectionSchedule(double[] TimesMs, double[] Amplitudes);
}
