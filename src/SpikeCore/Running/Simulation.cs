using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime;
using SpikeCore.Checkpoints;
using SpikeCore.Compiled;
using SpikeCore.Partitions;
using SpikeCore.Recording;
using SpikeCore.Runtimes;
using SpikeCore.Serialization;

namespace SpikeCore.Running;

/// <summary>
/// The mutable state of one run of a <see cref="Network"/>: neuron state, the event queue, recorders.
/// <see cref="Run(double, IProgress{double}?)"/> may be called repeatedly; splitting a run into pieces gives exactly the
/// same result as running it at once. <see cref="Save(string)"/> and <see cref="Load"/> checkpoint it: a run saved at t
/// and resumed gives the same spikes, bit for bit, as one that never stopped.
/// </summary>
public sealed class Simulation : IDisposable
{
    /// <summary>The single core (one partition) or the partitioned run: the façade never asks which.</summary>
    private readonly IRun _run;
    private readonly Stopwatch _wall = new();

    /// <summary>The JIT's compile time on every thread while <see cref="_wall"/> ran (<see cref="SimulationStatistics.CompileSeconds"/>).</summary>
    private TimeSpan _compiled;
    private readonly NeuronModel[] _models;
    private readonly int _partitions;
    private readonly ProcessGroup? _processes;
    private readonly List<StateRecorder> _stateRecorders = [];

    /// <summary>Per projection read or written so far: its synapses' table indices, sources and blocks (<see cref="Synapses"/>).</summary>
    private readonly Dictionary<int, (int[] TableIndex, int[] Source, int[] Block)> _synapsesOf = [];

    /// <summary>Creates the state of <paramref name="network"/> at t = 0.</summary>
    public Simulation(Network network, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= SimulationOptions.Default;
        Network = network;
        NeuronModel[] models = _models = [.. network.Populations.Select(info =>
            options.ReplaceModels.TryGetValue(info.Name, out NeuronModel? replacement) ? Replacement(info, replacement) : info.Model)];
        string[] unknown = options.ReplaceModels.Keys.Where(name => network.Populations.All(p => p.Name != name)).ToArray();
        if (unknown.Length > 0)
        {
            throw new Building.NetworkValidationException($"ReplaceModels: no population named {string.Join(", ", unknown.Select(n => $"'{n}'"))}");
        }

        if (options.Threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "threads must be >= 1");
        }

        _partitions = options.Partitions ?? options.Threads;
        if (_partitions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Partitions, "partitions must be >= 1");
        }

        long partitionsInAll = (long)_partitions * (options.Processes?.Size ?? 1);
        if (partitionsInAll > Math.Max(1, network.NeuronCount))
        {
            throw new NotSupportedException($"a run in {partitionsInAll} partitions needs at least as many neurons; the network has {network.NeuronCount}");
        }

        _processes = options.Processes is { Size: > 1 } group ? group : null;
        SpikeRecorder? recorder = null;
        if (options.RecordSpikes)
        {
            recorder = new SpikeRecorder();
            recorder.Reserve(options.ReserveSpikes);
        }

        // Auto: windows serve event-driven neurons' proofs, and partitions exchange in windows anyway. Networks of
        // clocked populations and sources alone run faster with the heap while their synapses fit in cache (COBA, 4,000
        // neurons: 6-10%), and in windows beyond, whose exchange asks for the deliveries' rows ahead
        // (SimulationCore.PrefetchesAhead; COBA at 20,000 neurons 14-20% faster, at 40,000 1.33×).
        string? noWindows = WhyNoCalendars(network, models);
        bool proofs = HasEventDrivenNeurons(models), outOfCache = SimulationCore.TargetsOutOfCache(network);
        Scheduler = options.Scheduler switch
        {
            SchedulerMode.Events => SchedulerMode.Events,
            SchedulerMode.Windows when noWindows is not null => throw new NotSupportedException($"windows do not apply to this network: {noWindows}"),
            SchedulerMode.Windows => SchedulerMode.Windows,
            _ => noWindows is null && (proofs || partitionsInAll > 1 || outOfCache) ? SchedulerMode.Windows : SchedulerMode.Events,
        };
        SchedulerReason = options.Scheduler switch
        {
            SchedulerMode.Events => "events asked for",
            _ when noWindows is not null => noWindows,
            _ when Scheduler == SchedulerMode.Events => "no event-driven neurons on one partition, its synapses in cache: clocked populations and sources run faster with the heap",
            SchedulerMode.Auto when !proofs && partitionsInAll == 1 =>
                string.Create(CultureInfo.InvariantCulture, $"minimum delay {network.MinDelayMs} ms; {SimulationCore.TargetBytes(network) / 1048576.0:0.0} MiB of synapse targets, out of cache: windows ask for their deliveries' rows ahead"),
            _ => string.Create(CultureInfo.InvariantCulture, $"minimum delay {network.MinDelayMs} ms"),
        };
        if (_partitions > 1 || options.Processes is { Size: > 1 } || Scheduler == SchedulerMode.Windows)
        {
            _run = new PartitionedRun(network, info => models[info.Index], _partitions, options.Threads, _processes, recorder, Scheduler == SchedulerMode.Windows);
            if (options.Profile)
            {
                _run.StartProfile();
            }

            return;
        }

        var runtimes = new PopulationRuntime[network.Populations.Count];
        for (int p = 0; p < runtimes.Length; p++)
        {
            PopulationInfo info = network.Populations[p];
            runtimes[p] = models[p].CreateRuntime(PopulationLayout.Of(network, info with { Model = models[p] }, 0, info.Size));
        }

        SynapseTable table = network.Synapses;
        bool copyWeights = network.Spec.Projections.Any(p => p.Synapse is { ChangesWeights: true });
        float[]? weights = copyWeights ? (float[])table.Weight!.Clone() : table.Weight; // a table with shared weights has no synapse model
        var core = new SimulationCore(network, runtimes, SynapseRuntime.CreateAll(network, table, weights, runtimes), weights, recorder);
        core.Start();
        _run = core;
        if (options.Profile)
        {
            _run.StartProfile();
        }
    }

    /// <summary>
    /// Why <paramref name="network"/> (with these models) cannot run in windows with emitter calendars, or null when it
    /// can: what rules out any window (<see cref="PartitionedRun.WhyNoWindows"/>), or a projection that learns from
    /// postsynaptic spikes (partitions keep event order within them; calendars do not).
    /// </summary>
    private static string? WhyNoCalendars(Network network, NeuronModel[] models) =>
        PartitionedRun.WhyNoWindows(network, models)
        ?? (network.Spec.Projections.FirstOrDefault(p => p.Synapse is { LearnsFromPostSpikes: true }) is { } plastic
            ? $"projection {plastic.From} -> {plastic.To} learns from postsynaptic spikes ({plastic.Synapse!.Name})"
            : null);

    /// <summary>
    /// Whether a population is event-driven neurons (not clocked, not a source): what windows' proofs serve. Clocked
    /// populations and sources on one partition gain nothing from windows and pay their cost (COBA, float32: the heap
    /// 8% faster; double 6%; COBAHH 2%; medians of pairs, same spikes); partitions exchange in windows anyway.
    /// </summary>
    private static bool HasEventDrivenNeurons(NeuronModel[] models) => models.Any(m => m.ClockStepMs == 0 && m.Receptors.Count > 0);

    private static NeuronModel Replacement(PopulationInfo info, NeuronModel replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var errors = new List<string>();
        string path = $"ReplaceModels['{info.Name}']";
        if (replacement.Name != info.Model.Name || replacement.ClockStepMs != info.Model.ClockStepMs)
        {
            errors.Add($"{path}: must be a {info.Model.Name} model with the same step (got {replacement.Name})");
        }

        replacement.Validate(errors, $"{path}.{replacement.Name}", info.Size);
        return errors.Count == 0 ? replacement : throw new Building.NetworkValidationException(errors);
    }

    /// <summary>How this simulation schedules its neurons (<see cref="SchedulerMode.Events"/> or <see cref="SchedulerMode.Windows"/>).</summary>
    public SchedulerMode Scheduler { get; }

    /// <summary>Why it got that mode: the window width, or what rules windows out.</summary>
    public string SchedulerReason { get; }

    /// <summary>The network being simulated.</summary>
    public Network Network { get; }

    /// <summary>Simulated time reached so far.</summary>
    public double TimeMs => _run.NowMs;

    /// <summary>The spike recorder, or null when spikes are not recorded.</summary>
    public SpikeRecorder? Spikes => _run.Recorder;

    /// <summary>The state recorders attached so far (<see cref="RecordState"/>, or restored by <see cref="Load"/>), in order.</summary>
    public IReadOnlyList<StateRecorder> StateRecorders => _stateRecorders;

    /// <summary>
    /// Where the runs' wall time went, phase by phase, with event counts (null unless <see cref="SimulationOptions.Profile"/>).
    /// </summary>
    public RunProfile? Profile
    {
        get
        {
            RunProfile? profile = _run.Profile;
            if (profile is not null)
            {
                profile.WallSeconds = _wall.Elapsed.TotalSeconds;
            }

            return profile;
        }
    }

    /// <summary>Counters of the simulation so far.</summary>
    public SimulationStatistics Statistics =>
        new(_run.NowMs, _run.SpikeCount, _run.SynapticEvents, _run.SpikeHashValue, _wall.Elapsed.TotalSeconds, _run.QueuePeakCount) { CompileSeconds = _compiled.TotalSeconds };

    /// <summary>
    /// The synapses of projection <paramref name="projection"/> (index in the spec) with their current weights and their delays, in the
    /// order of the compiled table (by source, then delay). Plastic models that change weights are read as they are now.
    /// </summary>
    public ProjectionWeights Weights(int projection)
    {
        (int[] tableIndex, int[] sources, int[] blocks) = Synapses(projection);
        SynapseTable table = Network.Synapses;
        var targets = new int[tableIndex.Length];
        var weights = new float[tableIndex.Length];
        var delays = new double[tableIndex.Length];
        for (int i = 0; i < tableIndex.Length; i++)
        {
            targets[i] = table.Target[tableIndex[i]];
            delays[i] = table.BlockDelayMs[blocks[i]];
        }

        CopyWeights(projection, weights);
        return new ProjectionWeights(sources, targets, weights, delays);
    }

    /// <summary>
    /// Writes projection <paramref name="projection"/>'s current weights into <paramref name="destination"/>, in the order
    /// of <see cref="Weights"/>, without allocating: for rules applied between runs that read the weights every time and
    /// their synapses once (a normalisation before each sample).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not one weight per synapse of the projection.</exception>
    public void CopyWeights(int projection, Span<float> destination)
    {
        (int[] tableIndex, _, int[] blocks) = Synapses(projection);
        if (destination.Length != tableIndex.Length)
        {
            throw new ArgumentException($"projection {projection} has {tableIndex.Length} synapses; got room for {destination.Length} weights", nameof(destination));
        }

        float[]? current = _run.Weights(projection);
        if (current is not null && (tableIndex.Length == 0 || tableIndex[^1] - tableIndex[0] == tableIndex.Length - 1))
        {
            // One stretch of the table (the indices ascend, as Synapses lists them, so first and last tell): copied whole.
            current.AsSpan(tableIndex.Length == 0 ? 0 : tableIndex[0], tableIndex.Length).CopyTo(destination);
            return;
        }

        SynapseTable table = Network.Synapses;
        for (int i = 0; i < tableIndex.Length; i++)
        {
            destination[i] = current?[tableIndex[i]] ?? table.WeightOf(tableIndex[i], blocks[i]);
        }
    }

    /// <summary>
    /// Overwrites the weights of projection <paramref name="projection"/> from now on, in the order of
    /// <see cref="Weights"/> (<paramref name="weights"/>[i] for its synapse i): normalisation, pruning, a transplant. Only
    /// projections whose synapse model keeps its own weights may be written (<see cref="SynapseModel.WritableWeights"/>),
    /// within that model's range; a plastic rule first applies any change it still owed.
    /// </summary>
    /// <exception cref="NotSupportedException">The projection's weights are static, shared, or device state.</exception>
    /// <exception cref="ArgumentException">Wrong length, or a weight outside the model's range (nothing is written).</exception>
    public void SetWeights(int projection, ReadOnlySpan<float> weights)
    {
        int[] tableIndex = Synapses(projection).TableIndex;
        Building.ProjectionSpec spec = Network.Spec.Projections[projection];
        (double min, double max) = WritableRange(spec);

        if (weights.Length != tableIndex.Length)
        {
            throw new ArgumentException($"projection {spec.From} -> {spec.To} has {tableIndex.Length} synapses; got {weights.Length} weights", nameof(weights));
        }

        int outside = FirstOutside(weights, min, max);
        if (outside >= 0)
        {
            throw new ArgumentException($"projection {spec.From} -> {spec.To}: weight {outside} is {weights[outside]}, outside [{min}, {max}] of {spec.Synapse!.Name}", nameof(weights));
        }

        _run.SetWeights(projection, tableIndex, weights);
    }

    /// <summary>
    /// Scales each target neuron's incoming weights of projection <paramref name="projection"/> to sum to
    /// <paramref name="sumPerTarget"/>, each then capped at <paramref name="cap"/>: w ← min((float)(w·S / Σ), cap), where
    /// Σ, the target's weights summed in double in the order of <see cref="Weights"/>, is positive; other targets' weights
    /// are left (Diehl and Cook 2015's normalisation before each sample). The same numbers as <see cref="CopyWeights"/>,
    /// that arithmetic and <see cref="SetWeights"/>, without the copies where one core holds the weights as values.
    /// </summary>
    /// <exception cref="NotSupportedException">The projection's weights cannot be written (<see cref="SetWeights"/>).</exception>
    /// <exception cref="ArgumentException">The model's weight range does not start at 0, S is negative or not finite, or the cap is outside [0, w_max].</exception>
    public void NormaliseWeights(int projection, double sumPerTarget, float cap)
    {
        (int[] tableIndex, _, _) = Synapses(projection);
        Building.ProjectionSpec spec = Network.Spec.Projections[projection];
        (double min, double max) = WritableRange(spec);
        if (min != 0 || !(sumPerTarget >= 0) || !double.IsFinite(sumPerTarget) || !(cap >= 0 && cap <= max))
        {
            throw new ArgumentException($"projection {spec.From} -> {spec.To}: normalising needs weights from 0 (got [{min}, {max}]), a finite sum >= 0 (got {sumPerTarget}) and a cap in [0, {max}] (got {cap})");
        }

        NormalisationLayout layout = LayoutForNormalising(projection, tableIndex);
        if (_run.LiveWeights(projection) is { } live && (tableIndex.Length == 0 || tableIndex[^1] - tableIndex[0] == tableIndex.Length - 1))
        {
            Span<float> weights = live.AsSpan(tableIndex.Length == 0 ? 0 : tableIndex[0], tableIndex.Length);
            WeightNormalisation.Apply(weights, layout.Targets, layout.RowLength, layout.Sums, sumPerTarget, cap);
            return;
        }

        float[] copy = layout.Copy ??= new float[tableIndex.Length];
        CopyWeights(projection, copy);
        WeightNormalisation.Apply(copy, layout.Targets, layout.RowLength, layout.Sums, sumPerTarget, cap);
        _run.SetWeights(projection, tableIndex, copy);
    }

    /// <summary>What normalising a projection needs every time, found once: its synapses' targets in the order of <see cref="Weights"/>, their rows' length when they are rows onto targets 0, ..., N − 1 (else 0), room for each target's sum, and (where the weights cannot be changed in place) for a copy of them.</summary>
    private sealed record NormalisationLayout(int[] Targets, int RowLength, double[] Sums)
    {
        public float[]? Copy { get; set; }
    }

    private NormalisationLayout LayoutForNormalising(int projection, int[] tableIndex)
    {
        if (!_normalisationLayouts.TryGetValue(projection, out NormalisationLayout? layout))
        {
            int targets = Network.Population(Network.Spec.Projections[projection].To).Size;
            int[] targetOf = [.. tableIndex.Select(i => Network.Synapses.Target[i])];
            layout = new NormalisationLayout(targetOf, WeightNormalisation.AreRows(targetOf, targets) ? targets : 0, new double[targets]);
            _normalisationLayouts[projection] = layout;
        }

        return layout;
    }

    private readonly Dictionary<int, NormalisationLayout> _normalisationLayouts = [];

    /// <summary>The range a projection's weights may be written in (<see cref="SynapseModel.WritableWeights"/>).</summary>
    /// <exception cref="NotSupportedException">They may not be written.</exception>
    private static (double Min, double Max) WritableRange(Building.ProjectionSpec spec) =>
        spec.Synapse?.WritableWeights ?? throw new NotSupportedException($"projection {spec.From} -> {spec.To}: its weights cannot be written during a run ({(spec.Synapse is null ? "static synapses share the network's weights" : $"{spec.Synapse.Name} does not let them be written: they are device state, or not its own")})");

    /// <summary>The first of <paramref name="weights"/> not in [<paramref name="min"/>, <paramref name="max"/>] (NaN never is), or −1; a register at a time.</summary>
    private static int FirstOutside(ReadOnlySpan<float> weights, double min, double max)
    {
        int i = 0;
        var low = new Vector<double>(min);
        var high = new Vector<double>(max);
        for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Widen(new Vector<float>(weights[i..]), out Vector<double> first, out Vector<double> second);
            if (!(Vector.GreaterThanOrEqualAll(first, low) && Vector.LessThanOrEqualAll(first, high)
                && Vector.GreaterThanOrEqualAll(second, low) && Vector.LessThanOrEqualAll(second, high)))
            {
                break; // the scalar loop below names the first one
            }
        }

        for (; i < weights.Length; i++)
        {
            if (!(weights[i] >= min && weights[i] <= max))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Sets per-neuron parameter <paramref name="parameter"/> (its JSON name) of population <paramref name="population"/>
    /// from now on, <paramref name="values"/>[i] for neuron i; the models say which parameters may change during a run
    /// (a Poisson source's <c>rate_scale</c>: each train's rate, a new stimulus).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such population.</exception>
    /// <exception cref="ArgumentException">A parameter its model cannot change, wrong length, or a value out of range.</exception>
    public void SetParameter(string population, string parameter, ReadOnlySpan<double> values)
    {
        PopulationInfo info = Network.Population(population);
        if (values.Length != info.Size)
        {
            throw new ArgumentException($"population '{population}' has {info.Size} neurons; got {values.Length} values of '{parameter}'", nameof(values));
        }

        NeuronModel model = _models[info.Index];
        if (!Parameters.ModelParameters.PerNeuron(model.GetType()).Contains(parameter))
        {
            throw new ArgumentException($"population '{population}': {model.Name} has no per-neuron parameter '{parameter}'", nameof(parameter));
        }

        var errors = new List<string>();
        Parameters.ParameterSet.Of(model.GetType()).ValidatePerNeuron(model, new Dictionary<string, double[]> { [parameter] = values.ToArray() }, errors, population);
        if (errors.Count > 0)
        {
            throw new ArgumentException(errors[0], nameof(values));
        }

        _run.SetParameter(info.Index, parameter, values);
    }

    /// <summary>
    /// What projection <paramref name="projection"/>'s synapse model has measured so far, by name: for a device array
    /// its energy, device reads and programming pulses (<see cref="Runtimes.SynapseRuntime.Meters"/>); empty for most models.
    /// </summary>
    public IReadOnlyDictionary<string, double> Meters(int projection)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(projection);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(projection, Network.Spec.Projections.Count);
        return _run.Meters(projection).ToDictionary(m => m.Name, m => (double)m.Value);
    }

    /// <summary>State variable <paramref name="variable"/> of every neuron of <paramref name="population"/> now, by local index.</summary>
    public double[] State(string population, string variable)
    {
        PopulationInfo info = Network.Population(population);
        int v = VariableIndex(info, variable);

        var values = new double[info.Size];
        _run.ReadState(info.Index, v, values);
        return values;
    }

    /// <summary>The index of state variable <paramref name="variable"/> of <paramref name="info"/>'s model.</summary>
    private static int VariableIndex(PopulationInfo info, string variable)
    {
        int v = info.Model.StateVariables.ToList().IndexOf(variable);
        return v >= 0 ? v : throw new ArgumentException($"model '{info.Model.Name}' of '{info.Name}' has no state variable '{variable}' (it has: {string.Join(", ", info.Model.StateVariables)})", nameof(variable));
    }

    /// <summary>Spikes each neuron of <paramref name="population"/> has fired since t = 0, by local index.</summary>
    public long[] SpikeCounts(string population)
    {
        PopulationInfo info = Network.Population(population);
        var counts = new long[info.Size];
        _run.AddSpikeCounts(info.FirstId, counts);
        return counts;
    }

    /// <summary>
    /// Each synapse of projection <paramref name="projection"/> in the compiled table's order (by source, then delay): its
    /// whole-table index, its source (local to the source population) and its block.
    /// </summary>
    private (int[] TableIndex, int[] Source, int[] Block) Synapses(int projection)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(projection);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(projection, Network.Spec.Projections.Count);
        if (_synapsesOf.TryGetValue(projection, out var known))
        {
            return known;
        }

        SynapseTable table = Network.Synapses;
        int sourceFirst = Network.Population(Network.Spec.Projections[projection].From).FirstId;
        var indices = new List<int>();
        var sources = new List<int>();
        var blocks = new List<int>();
        for (int s = 0; s < Network.NeuronCount; s++)
        {
            for (int b = table.RowBlockStart[s]; b < table.RowBlockStart[s + 1]; b++)
            {
                if (table.Blocks[b].Projection != projection)
                {
                    continue;
                }

                for (int k = table.BlockStart(b); k < table.BlockEnd(b); k++)
                {
                    indices.Add(k);
                    sources.Add(s - sourceFirst);
                    blocks.Add(b);
                }
            }
        }

        return _synapsesOf[projection] = ([.. indices], [.. sources], [.. blocks]);
    }

    /// <summary>Records <paramref name="variable"/> of the given neurons of <paramref name="population"/> every <paramref name="intervalMs"/>, from now on.</summary>
    public StateRecorder RecordState(string population, IEnumerable<int> neurons, string variable, double intervalMs)
    {
        PopulationInfo info = Network.Population(population);
        int v = VariableIndex(info, variable);

        if (!(intervalMs > 0) || double.IsInfinity(intervalMs))
        {
            throw new ArgumentOutOfRangeException(nameof(intervalMs), intervalMs, "the sampling interval must be a finite number > 0");
        }

        int[] ids = neurons.ToArray();
        foreach (int n in ids)
        {
            if (n < 0 || n >= info.Size)
            {
                throw new ArgumentOutOfRangeException(nameof(neurons), n, $"neuron index out of range [0, {info.Size}) of '{population}'");
            }
        }

        return Attach(new StateRecorder(population, info.Index, ids, variable, v, TimeMs, intervalMs));
    }

    private StateRecorder Attach(StateRecorder recorder)
    {
        recorder = _run.AddStateRecorder(recorder);
        _stateRecorders.Add(recorder);
        return recorder;
    }

    /// <summary>Advances the simulation by <paramref name="durationMs"/>, reporting the fraction done to <paramref name="progress"/>.</summary>
    public void Run(double durationMs, IProgress<double>? progress = null)
    {
        if (!(durationMs >= 0) || double.IsInfinity(durationMs))
        {
            throw new ArgumentOutOfRangeException(nameof(durationMs), durationMs, "the duration must be a finite number >= 0");
        }

        double start = TimeMs;
        double end = start + durationMs;
        if (progress is null)
        {
            RunTo(end);
            return;
        }

        const int Pieces = 100;
        for (int k = 1; k <= Pieces; k++)
        {
            RunTo(k == Pieces ? end : start + durationMs * k / Pieces);
            progress.Report((double)k / Pieces);
        }
    }

    /// <summary>The event queues: pending events and capacity (this process's partitions summed); for soak measurements.</summary>
    internal (int Count, int Capacity) Queue => _run.Queue;

    /// <summary>
    /// The latest time a run may reach: 2^42 delay steps (0.1 ms steps: 4.4·10^11 ms, 14 years), where a double's spacing is
    /// 2^−10 of a step; beyond it spike times and delays would lose their resolution.
    /// </summary>
    public double MaxTimeMs => Network.Spec.DelayResolutionMs * (1L << 42);

    /// <summary>Advances the simulation to the absolute time <paramref name="timeMs"/> (≥ <see cref="TimeMs"/>).</summary>
    public void RunTo(double timeMs)
    {
        if (!(timeMs >= TimeMs) || double.IsInfinity(timeMs))
        {
            throw new ArgumentOutOfRangeException(nameof(timeMs), timeMs, $"the end time must be a finite number >= the current time {TimeMs} ms");
        }

        if (timeMs > MaxTimeMs)
        {
            throw new ArgumentOutOfRangeException(nameof(timeMs), timeMs,
                $"the end time {timeMs} ms is beyond the longest run {MaxTimeMs:G6} ms: times are doubles, and later than that a delay step of {Network.Spec.DelayResolutionMs} ms is no longer resolved to 1/1024 of itself");
        }

        TimeSpan compiledBefore = JitInfo.GetCompilationTime();
        _wall.Start();
        try
        {
            _run.RunUntil(timeMs);
        }
        finally
        {
            _wall.Stop();
            _compiled += JitInfo.GetCompilationTime() - compiledBefore;
        }
    }

    /// <summary>
    /// Saves everything needed to continue this run exactly (see <see cref="Load"/>) to <paramref name="path"/>: the
    /// network (as JSON, with any replaced models), every neuron, synapse and device state, plasticity traces, the
    /// events in flight, random streams, recorded spikes and state samples. The file is replaced atomically. In a
    /// distributed run every process saves its own partitions to <c>path.rank{r}</c> (collective).
    /// </summary>
    public void Save(string path) => Save(path, null);

    internal void Save(string path, Func<string, Stream>? open)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Agree(() => CheckpointFile.Write(RankPath(path), Checkpoint, open), "save its checkpoint");
    }

    /// <summary>The file of this process: <paramref name="path"/>, or in a distributed run <c>path.rank{r}</c>.</summary>
    private string RankPath(string path) => _processes is { } g ? $"{path}.rank{g.Rank}" : path;

    /// <summary>Does <paramref name="step"/>; in a distributed run, all processes then learn whether every one succeeded, so none waits for a failed one.</summary>
    private void Agree(Action step, string what)
    {
        Exception? failure = null;
        try
        {
            step();
        }
        catch (Exception e) when (_processes is not null)
        {
            failure = e;
        }

        if (_processes is { } g && g.Max(failure is null ? -1 : g.Rank) is long rank and >= 0)
        {
            throw failure ?? new CheckpointException($"process {rank} of the distributed run could not {what} (see its error)");
        }
    }

    /// <summary>
    /// Continues the run saved in <paramref name="path"/> on <paramref name="network"/>, which must be the network it
    /// was saved from (its JSON is compared), with the same <see cref="SimulationOptions.Partitions"/> (any thread count). Recorders attached
    /// at the save are restored (<see cref="StateRecorders"/>) with their samples; recorded spikes are restored when
    /// <paramref name="options"/> records spikes. In a distributed run each process loads <c>path.rank{r}</c> (collective;
    /// the files must be of one save: same time).
    /// </summary>
    /// <exception cref="CheckpointException">The file is missing, truncated, corrupted, of another format version, or from another network or partition count.</exception>
    public static Simulation Load(string path, Network network, SimulationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var simulation = new Simulation(network, options);
        try
        {
            simulation.Agree(() => CheckpointFile.Read(simulation.RankPath(path), simulation.Checkpoint), "load its checkpoint");
            if (simulation._processes is { } g && g.Max(BitConverter.DoubleToInt64Bits(simulation.TimeMs)) != -g.Max(-BitConverter.DoubleToInt64Bits(simulation.TimeMs)))
            {
                throw new CheckpointException($"{path}.rank*: the processes' files are of different saves (this one is at t = {simulation.TimeMs} ms)");
            }
        }
        catch
        {
            simulation.Dispose();
            throw;
        }

        return simulation;
    }

    /// <summary>Saves or restores the whole simulation (see <see cref="StateArchive"/>).</summary>
    private void Checkpoint(StateArchive a)
    {
        a.Section("simulation");
        string json = NetworkJsonWriter.Write(Network.Spec with { Populations = [.. Network.Spec.Populations.Select((p, i) => p with { Model = _models[i] })] });
        string saved = json;
        a.Text(ref saved);
        if (saved != json)
        {
            throw a.Mismatch(DifferentNetwork(saved, json));
        }

        a.Same(_partitions, "partitions (a checkpoint holds each partition's state: load it with the partition count it was saved with, SimulationOptions.Partitions or --partitions; any thread count)");
        a.Same(_processes?.Size ?? 1, "processes (a distributed run's checkpoint is loaded by as many processes)");
        a.Same(_processes?.Rank ?? 0, "process rank");
        a.Same((int)Scheduler, "scheduler (1 events, 2 windows: load with the one it was saved with, SimulationOptions.Scheduler or --scheduler)");
        bool spikes = Spikes is not null;
        a.Value(ref spikes);
        if (a.Loading && !spikes && Spikes is not null)
        {
            throw a.Mismatch("it was saved without a spike list; load it with RecordSpikes = false");
        }

        int recorders = _stateRecorders.Count;
        a.Value(ref recorders);
        for (int k = 0; k < recorders; k++)
        {
            StateRecorder r = a.Loading ? null! : _stateRecorders[k];
            (int population, int variable, double start, double interval) = a.Loading ? default : (r.PopulationIndex, r.VariableIndex, r.StartMs, r.IntervalMs);
            int[] neurons = a.Loading ? [] : [.. r.Neurons];
            a.Value(ref population);
            a.Value(ref variable);
            a.Value(ref start);
            a.Value(ref interval);
            a.Values(ref neurons);
            if (a.Loading)
            {
                // Recorders are not part of the network: their indices are checked like any other input.
                PopulationInfo? info = population >= 0 && population < Network.Populations.Count ? Network.Populations[population] : null;
                if (info is null || variable < 0 || variable >= info.Model.StateVariables.Count || neurons.Any(n => n < 0 || n >= info.Size)
                    || !double.IsFinite(start) || !(interval > 0) || !double.IsFinite(interval))
                {
                    throw a.Mismatch($"a state recorder names population {population}, variable {variable}, {neurons.Length} neurons, start {start} ms and interval {interval} ms, which this network does not have");
                }

                Attach(new StateRecorder(info.Name, population, neurons, info.Model.StateVariables[variable], variable, start, interval));
            }
        }

        _run.Checkpoint(a);

        if (spikes)
        {
            using var skipped = new SpikeRecorder(); // saved spikes that a simulation not recording spikes reads past
            (Spikes ?? skipped).Checkpoint(a);
        }
    }

    private static string DifferentNetwork(string saved, string current)
    {
        string[] a = saved.Split('\n'), b = current.Split('\n');
        int line = 0;
        while (line < a.Length && line < b.Length && a[line] == b[line])
        {
            line++;
        }

        static string Show(string[] lines, int k) => k < lines.Length ? $"'{lines[k].Trim()[..Math.Min(lines[k].Trim().Length, 100)]}'" : "the end";
        return $"saved from a different network: line {line + 1} of its JSON is {Show(a, line)} in the checkpoint, {Show(b, line)} in this network";
    }

    /// <summary>Returns the recorder's buffers to the pool.</summary>
    public void Dispose() => Spikes?.Dispose();
}
