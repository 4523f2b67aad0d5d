using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Scan(ReadOnlySpan<int> targets)
    {
        int n = targets.Length;
        ref int at = ref MemoryMarshal.GetReference(targets);
        var step = new Vector<int>(Vector<int>.Count);
        Vector<int> expected = Vector<int>.Indices + new Vector<int>(at);
        int k = 0;
        for (; k <= n - Vector<int>.Count; k += Vector<int>.Count, expected += step)
        {
            if (Vector.LoadUnsafe(ref at, (nuint)k) != expected)
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
