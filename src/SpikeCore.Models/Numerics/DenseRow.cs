using System.Numerics;

namespace SpikeCore.Models.Numerics;

/// <summary>
/// Recognises a block of synapses whose targets are t₀, t₀ + 1, t₀ + 2, ... (a dense row, as all-to-all projections
/// have), which per-synapse loops can then run in registers on contiguous neuron state.
/// </summary>
internal static class DenseRow
{
    /// <summary>Whether <paramref name="targets"/> are consecutive and long enough to fill a register of floats.</summary>
    public static bool Is(ReadOnlySpan<int> targets)
    {
        if (targets.Length < Vector<float>.Count)
        {
            return false;
        }

        var step = new Vector<int>(Vector<int>.Count);
        Vector<int> expected = Vector<int>.Indices + new Vector<int>(targets[0]);
        int k = 0;
        for (; k <= targets.Length - Vector<int>.Count; k += Vector<int>.Count, expected += step)
        {
            if (new Vector<int>(targets[k..]) != expected)
            {
                return false;
            }
        }

        for (; k < targets.Length; k++)
        {
            if (targets[k] != targets[0] + k)
            {
                return false;
            }
        }

        return true;
    }
}
