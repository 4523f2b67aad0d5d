using SpikeCore.Checkpoints;
using SpikeCore.Recording;

namespace SpikeCore.Running;

/// <summary>
/// What <see cref="Simulation"/> drives, one implementation per way of running a network: the single core (one
/// partition: <see cref="SimulationCore"/>) or partitions on threads and processes (<c>Partitions.PartitionedRun</c>).
/// The façade is the same for both and never asks which it has.
/// </summary>
internal interface IRun
{
    /// <summary>Simulated time reached.</summary>
    double NowMs { get; }

    /// <summary>The recorded spikes (null: counted and hashed only).</summary>
    SpikeRecorder? Recorder { get; }

    /// <summary>Spikes so far (over every process).</summary>
    long SpikeCount { get; }

    /// <summary>Synaptic events so far (over every process).</summary>
    long SynapticEvents { get; }

    /// <summary>Hash of the spike list so far.</summary>
    ulong SpikeHashValue { get; }

    /// <summary>Largest number of events pending at once (the largest partition's).</summary>
    long QueuePeakCount { get; }

    /// <summary>Events pending and the queue's capacity now (the single core's; partitioned runs report zeros).</summary>
    (int Count, int Capacity) Queue { get; }

    /// <summary>Every weight of the whole table as it is now, projection <paramref name="projection"/>'s brought up to date (null: the table keeps one weight per projection).</summary>
    float[]? Weights(int projection);

    /// <summary>
    /// The weights a single core delivers from, projection <paramref name="projection"/>'s brought up to date, to be
    /// changed in place; null where they cannot be (partitions, device state: <see cref="Runtimes.SynapseRuntime.StoresWrittenWeights"/>).
    /// </summary>
    float[]? LiveWeights(int projection);

    /// <summary>Adds to <paramref name="counts"/>[i] the spikes neuron <paramref name="firstId"/> + i fired so far (over every process).</summary>
    void AddSpikeCounts(int firstId, Span<long> counts);

    /// <summary>Writes into <paramref name="values"/> (one per neuron of the population) state variable <paramref name="variable"/> of population <paramref name="population"/> now.</summary>
    void ReadState(int population, int variable, Span<double> values);

    /// <summary>Projection <paramref name="projection"/>'s meters (<see cref="Runtimes.SynapseRuntime.Meters"/>), summed over partitions and processes.</summary>
    IReadOnlyList<(string Name, decimal Value)> Meters(int projection);

    /// <summary>Sets per-neuron parameter <paramref name="name"/> of population <paramref name="population"/> from now on (values for the whole population).</summary>
    void SetParameter(int population, string name, ReadOnlySpan<double> values);

    /// <summary>Overwrites the weights of plastic projection <paramref name="projection"/> at whole-table indices <paramref name="tableIndices"/>.</summary>
    void SetWeights(int projection, ReadOnlySpan<int> tableIndices, ReadOnlySpan<float> values);

    /// <summary>Attaches <paramref name="recorder"/>; returns the recorder that will hold the samples.</summary>
    StateRecorder AddStateRecorder(StateRecorder recorder);

    /// <summary>Starts breaking every run into phases (<see cref="SimulationOptions.Profile"/>).</summary>
    void StartProfile();

    /// <summary>The phases so far (partitions added), or null when not profiling.</summary>
    RunProfile? Profile { get; }

    /// <summary>Runs to <paramref name="endMs"/>, checking that every state stays finite.</summary>
    void RunUntil(double endMs);

    /// <summary>Saves or restores the run's state.</summary>
    void Checkpoint(StateArchive a);
}
