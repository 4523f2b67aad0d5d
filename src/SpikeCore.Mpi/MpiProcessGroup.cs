using System.Reflection;
using System.Runtime.InteropServices;
using SpikeCore.Partitions;
using SpikeCore.Running;

namespace SpikeCore.Mpi;

/// <summary>
/// The processes of an MPI job (<c>mpirun -np N</c>) as a <see cref="ProcessGroup"/>: MPI.NET's collectives over the
/// world communicator. Create one per process, before the simulation, and dispose it at the end (MPI_Finalize).
/// </summary>
/// <remarks>
/// MPI.NET 1.4.0 binds the Windows library msmpi.dll. On Linux it runs over MPICH, which keeps MS-MPI's integer handles
/// and ABI: the binding is resolved to libmpich.so.12 (Debian/Ubuntu packages mpich and libmpich-dev). Run without
/// mpirun, a process is a group of one.
/// </remarks>
public sealed class MpiProcessGroup : ProcessGroup, IDisposable
{
    private static int s_resolverSet;
    private readonly MPI.Environment _environment;
    private readonly MPI.Intracommunicator _world;

    private MpiProcessGroup(MPI.Environment environment)
    {
        _environment = environment;
        _world = MPI.Communicator.world;
    }

    /// <inheritdoc/>
    public override int Rank => _world.Rank;

    /// <inheritdoc/>
    public override int Size => _world.Size;

    /// <summary>Initialises MPI for this process and returns its group.</summary>
    /// <exception cref="NotSupportedException">No MPI library could be loaded; the message says what to install.</exception>
    public static MpiProcessGroup Start()
    {
        Assembly mpi = typeof(MPI.Communicator).Assembly;
        if (Interlocked.Exchange(ref s_resolverSet, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(mpi, Resolve);
        }

        string[] args = [];
        try
        {
            return new MpiProcessGroup(new MPI.Environment(ref args));
        }
        catch (DllNotFoundException e)
        {
            throw new NotSupportedException($"MPI: no MPI library found ({e.Message}); on Debian or Ubuntu install MPICH: apt install mpich libmpich-dev", e);
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (OperatingSystem.IsWindows() || !name.StartsWith("msmpi", StringComparison.OrdinalIgnoreCase))
        {
            return IntPtr.Zero; // the default search
        }

        foreach (string candidate in (string[])["libmpich.so.12", "libmpi.so.12"])
        {
            if (NativeLibrary.TryLoad(candidate, assembly, path, out IntPtr handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException("libmpich.so.12 could not be loaded");
    }

    /// <inheritdoc/>
    protected override byte[][] AllGather(byte[] mine)
    {
        int[] counts = _world.Allgather(mine.Length);
        byte[] all = _world.AllgatherFlattened(mine, counts);
        var parts = new byte[counts.Length][];
        for (int r = 0, at = 0; r < counts.Length; at += counts[r], r++)
        {
            parts[r] = all.AsSpan(at, counts[r]).ToArray();
        }

        return parts;
    }

    /// <inheritdoc/>
    protected override long Sum(long value) => _world.Allreduce(value, MPI.Operation<long>.Add);

    /// <inheritdoc/>
    protected override long Max(long value) => _world.Allreduce(value, MPI.Operation<long>.Max);

    /// <summary>Finalises MPI.</summary>
    public void Dispose() => _environment.Dispose();
}
