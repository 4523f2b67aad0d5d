using System.CommandLine;

namespace SpikeCore.Cli.Commands;

/// <summary><c>--mpi</c>: run as one process of an MPI job, shared by the commands that simulate a network.</summary>
internal static class MpiOption
{
    public static Option<bool> Create() => new("--mpi")
    {
        Description = "Run as one process of an MPI job (mpirun -np N spikecore ... --mpi; MPICH): each process runs --partitions (default --threads) partitions of the network, the spikes are the same as one process's; rank 0 writes the results",
    };
}
