namespace SpikeCore.Running;

/// <summary>Counters of a simulation so far.</summary>
/// <param name="TimeMs">Simulated time reached.</param>
/// <param name="Spikes">Spikes emitted (all populations, sources included).</param>
/// <param name="SynapticEvents">Synapse activations: Σ over spikes of the out-degree, counted when delivered.</param>
/// <param name="SpikeHash">Hash of the full (time, neuron) spike list in emission order (see <see cref="Recording.SpikeHash"/>).</param>
/// <param name="WallSeconds">Wall time spent inside <see cref="Simulation.Run(double, IProgress{double}?)"/>.</param>
/// <param name="QueuePeak">Largest number of events pending at once.</param>
public sealed record SimulationStatistics(double TimeMs, long Spikes, long SynapticEvents, ulong SpikeHash, double WallSeconds, long QueuePeak)
{
    /// <summary>
    /// The part of <see cref="WallSeconds"/> .NET's JIT spent compiling code on first use (<see cref="System.Runtime.JitInfo"/>,
    /// every thread, measured over the same stretches as the wall time): a one-time cost, as a C++ simulator's
    /// compilation, which Brian2's main loop time excludes.
    /// </summary>
    public double CompileSeconds { get; init; }

    /// <summary>Synaptic events per wall second.</summary>
    public double EventsPerSecond => WallSeconds > 0 ? SynapticEvents / WallSeconds : 0;
}
