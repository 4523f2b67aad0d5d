using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SpikeCore.Models.Numerics;

/// <summary>
/// Software prefetch for delivery loops that touch per-neuron state in target order: asking for the state of the target
/// a few synapses ahead lets the cache misses of a block overlap instead of arriving one by one. It changes no result.
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
