using SpikeCore.Partitions;

namespace SpikeCore.Running;

/// <summary>How a <see cref="Simulation"/> records, and what it runs in place of the network's own inputs. Immutable; customise with <c>with</c>.</summary>
public sealed record SimulationOptions
{
    /// <summary>The defaults: record every spike.</summary>
    public static SimulationOptions Default { get; } = new();

    /// <summary>Keep every (time, neuron) pair (the count and hash are kept either way).</summary>
    public bool RecordSpikes { get; init; } = true;

    /// <summary>Threads this process runs on; the spikes are bit-identical for any count.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Partitions this process splits the network over (with <see cref="Processes"/>: its share of them), run by
    /// <see cref="Threads"/> threads; null: one per thread. The spikes are bit-identical for any count; a checkpoint
    /// holds each partition's state, so it loads on the same partition count, on any number of threads.
    /// </summary>
    public int? Partitions { get; init; }

    /// <summary>
    /// The processes of a distributed run (MPI: <c>SpikeCore.Mpi.MpiProcessGroup</c>), or null for a run in this process.
    /// Each process runs <see cref="Threads"/> partitions; the spikes are the same as one core's.
    /// </summary>
    public ProcessGroup? Processes { get; init; }

    /// <summary>Spikes to reserve recorder space for up front (recording beyond it allocates chunks as needed).</summary>
    public long ReserveSpikes { get; init; }

    /// <summary>Events or exact windows (<see cref="SchedulerMode"/>); the spikes are the same, windows are faster.</summary>
    public SchedulerMode Scheduler { get; init; } = SchedulerMode.Auto;

    /// <summary>Whether to break the run's wall time into phases (<see cref="Simulation.Profile"/>); costs a few percent.</summary>
    public bool Profile { get; init; }

    /// <summary>
    /// Models that replace those of the named populations for this simulation only, e.g. a <c>spike_times</c> source
    /// with another input: one compiled network then serves many inputs (reservoir computing) without being rebuilt.
    /// A replacement must have the same model name and pass validation for the population's size.
    /// </summary>
    public IReadOnlyDictionary<string, NeuronModel> ReplaceModels { get; init; } = new Dictionary<string, NeuronModel>();
}
