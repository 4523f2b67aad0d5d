using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SpikeCore.Runtimes;

/// <summary>
/// Software prefetch for deliveries: a delivery loop asks for the state of the target a few synapses ahead, so that the
/// cache misses of a block overlap instead of arriving one by one, and the exchange asks for the rows of the spikes it
/// puts in flight (<see cref="Running.SimulationCore.PrefetchesAhead"/>). It changes no result.
/// </summary>
internal static class Prefetch
{
    /// <summary>How many targets ahead a delivery loop prefetches (enough to cover a memory latency at a few ns per synapse).</summary>
    public const int Distance = 16;

    /// <summary>Starts loading the cache line of <paramref name="location"/> (x86; a no-op elsewhere).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Read<T>(ref T location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }
}
