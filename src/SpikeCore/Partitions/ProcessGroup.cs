using SpikeCore.Running;

namespace SpikeCore.Partitions;

/// <summary>
/// The processes of a distributed run and the collective operations its window protocol needs (SpikeCore.Mpi provides
/// them over MPI). Every process builds the same network and runs P partitions of it (<see cref="SimulationOptions.Partitions"/>,
/// by default <see cref="SimulationOptions.Threads"/>): process r owns partitions [r·P, (r + 1)·P) of the Size·P in all. At each window's end every process contributes
/// its partitions' spikes and gets everyone's, so each holds the whole spike list, hash and counts.
/// </summary>
/// <remarks>
/// Every process must make the same calls in the same order, as they are collective: <see cref="Simulation.Run"/> and
/// <see cref="Simulation.RunTo"/> (which also gather the counters and every state recorder's samples at their end) and
/// <see cref="Simulation.Weights"/>, <see cref="Simulation.Save(string)"/> and <see cref="Simulation.Load"/>.
/// </remarks>
public abstract class ProcessGroup
{
    /// <summary>This process's index, 0 ≤ Rank &lt; Size.</summary>
    public abstract int Rank { get; }

    /// <summary>The number of processes.</summary>
    public abstract int Size { get; }

    /// <summary>Every process's <paramref name="mine"/>, by rank (called by all processes together).</summary>
    protected internal abstract byte[][] AllGather(byte[] mine);

    /// <summary>The sum over all processes of <paramref name="value"/> (called by all processes together).</summary>
    protected internal abstract long Sum(long value);

    /// <summary>The maximum over all processes of <paramref name="value"/> (called by all processes together).</summary>
    protected internal abstract long Max(long value);
}
