using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpikeCore.Runtimes;

/// <summary>
/// Recognises a block of synapses whose targets are t₀, t₀ + 1, t₀ + 2, ... (a dense row, as all-to-all projections
/// have), which per-synapse loops can then run in registers on contiguous neuron state.
/// </summary>
internal static class DenseRow
{
    /// <summary>Whether <paramref name="targets"/> are consecutive and long enough to fill a register of floats.</summary>
    /// <remarks>The O(1) test inline (a scattered row, the common case elsewhere, costs two loads and a compare), the scan not.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Is(ReadOnlySpan<int> targets) =>
        targets.Length >= Vector<float>.Count && targets[^1] - targets[0] == targets.Length - 1 && Scan(targets);

    /// <summary>Whether <paramref name="indices"/> are i₀, i₀ + 1, ..., of any length (true for none).</summary>
    public static bool Consecutive(ReadOnlySpan<int> indices) =>
        indices.Length == 0 || (indices[^1] - indices[0] == indices.Length - 1 && Scan(indices));

    /// <summary>
    /// Whether targets[k] = targets[0] + k for every k: the differences ORed together a 512-bit register at a time (or
    /// 256) with no branch until the end, since rows that reach the scan are almost always consecutive.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Scan(ReadOnlySpan<int> targets)
    {
        int n = targets.Length, k = 0;
        ref int at = ref MemoryMarshal.GetReference(targets);
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<int> expected = Vector512<int>.Indices + Vector512.Create(at), step = Vector512.Create(Vector512<int>.Count), differ = default;
            for (; k <= n - Vector512<int>.Count; k += Vector512<int>.Count, expected += step)
            {
                differ |= Vector512.LoadUnsafe(ref at, (nuint)k) ^ expected;
            }

            if (differ != Vector512<int>.Zero)
            {
                return false;
            }
        }
        else
        {
            Vector256<int> expected = Vector256<int>.Indices + Vector256.Create(at), step = Vector256.Create(Vector256<int>.Count), differ = default;
            for (; k <= n - Vector256<int>.Count; k += Vector256<int>.Count, expected += step)
            {
                differ |= Vector256.LoadUnsafe(ref at, (nuint)k) ^ expected;
            }

            if (differ != Vector256<int>.Zero)
            {
                return false;
            }
        }

        for (; k < n; k++)
        {
            if (targets[k] != at + k)
            {
                return false;
            }
        }

        return true;
    }
}
