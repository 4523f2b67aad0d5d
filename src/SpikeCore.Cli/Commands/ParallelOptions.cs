using System.CommandLine;
using SpikeCore.Mpi;
using SpikeCore.Partitions;
using SpikeCore.Running;

namespace SpikeCore.Cli.Commands;

/// <summary>
/// <c>--threads</c>, <c>--partitions</c> and <c>--mpi</c>: how the commands that simulate a network spread it over
/// threads and MPI processes (the spikes are the same whichever they choose).
/// </summary>
internal sealed class ParallelOptions
{
    private readonly Option<int> _threads = new Option<int>("--threads") { Description = "Threads to run on; the spikes are the same for any count", DefaultValueFactory = _ => 1 }.Within(1, 1024);

    private readonly Option<int?> _partitions = new Option<int?>("--partitions")
    {
        Description = "Partitions to split the network into (default: one per thread); the spikes are the same for any count, and a checkpoint resumes on the same partitions with any --threads",
    }.Within(1, 1 << 20);

    private readonly Option<bool> _mpi = new("--mpi")
    {
        Description = "Run as one process of an MPI job (mpirun -np N spikecore ... --mpi; MPICH): each process runs --partitions (default --threads) partitions of the network, the spikes are the same as one process's; rank 0 writes the results",
    };

    private readonly Option<SchedulerMode> _scheduler = new("--scheduler")
    {
        Description = "auto (exact windows of the minimum delay when the network allows them, else events), events (the emitter heap) or windows; the spikes are the same",
        DefaultValueFactory = _ => SchedulerMode.Auto,
    };

    /// <summary>Adds the four options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_threads);
        command.Options.Add(_partitions);
        command.Options.Add(_mpi);
        command.Options.Add(_scheduler);
    }

    /// <summary>What the command line chose.</summary>
    public Choice Read(ParseResult parse) => new(parse.GetValue(_threads), parse.GetValue(_partitions), parse.GetValue(_mpi), parse.GetValue(_scheduler));

    /// <summary>The threads, partitions, MPI and scheduler choice of one command line.</summary>
    public sealed record Choice(int Threads, int? Partitions, bool Mpi, SchedulerMode Scheduler = SchedulerMode.Auto)
    {
        /// <summary>Joins the MPI job when <c>--mpi</c> was given (dispose the group at the end).</summary>
        public MpiProcessGroup? StartProcesses() => Mpi ? MpiProcessGroup.Start() : null;

        /// <summary>The simulation options for these choices, in the process group <paramref name="group"/>.</summary>
        public SimulationOptions Options(ProcessGroup? group) => new() { Threads = Threads, Partitions = Partitions, Processes = group, Scheduler = Scheduler };
    }
}
