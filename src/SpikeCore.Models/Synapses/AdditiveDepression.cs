using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SpikeCore.Models.Numerics;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// The additive depression of a block at a presynaptic arrival, w ← max(w − s · o1_j, 0) with o1_j target j's post trace
/// (pair and triplet STDP). Dense rows run in registers with the same float roundings as the scalar loop.
/// </summary>
internal static class AdditiveDepression
{
    /// <summary>
    /// Depresses <paramref name="weights"/> (of <paramref name="targets"/>) by <paramref name="step"/> times each target's
    /// trace; <paramref name="denseFirst"/>: the first target where the targets are consecutive and the machine
    /// little-endian, else −1.
    /// </summary>
    /// <remarks>
    /// A trace whose product with the step would be subnormal (below 1.2·10^−38: a neuron silent for seconds) counts as 0:
    /// a subnormal in a register costs a microcode assist of tens of cycles, and in a long run most rows hold a few such
    /// lanes (Diehl and Cook's: about five per 400-synapse row). Then w − s·o1 rounds to w for every weight above
    /// 2·10^−31 or 0, so no weight changes in practice; every path takes the same rule, so they agree to the bit.
    /// </remarks>
    public static void Apply(Span<float> weights, ReadOnlySpan<int> targets, int denseFirst, PostTrace[] post, float step)
    {
        float negligible = Negligible(step);
        if (denseFirst >= 0)
        {
            Dense(weights, post.AsSpan(denseFirst, weights.Length), step, negligible);
            return;
        }

        for (int k = 0; k < weights.Length; k++)
        {
            weights[k] = Depressed(weights[k], post[targets[k]].Trace1, step, negligible);
        }
    }

    /// <summary>Traces below this count as 0: their product with <paramref name="step"/> would be subnormal (+∞ for a zero step, whose products are all 0).</summary>
    private static float Negligible(float step) => step > 0 ? MinNormal / step : float.PositiveInfinity;

    private static readonly float MinNormal = BitConverter.Int32BitsToSingle(0x0080_0000);

    /// <summary>One weight: max(w − s·o1, 0), o1 taken as 0 below <paramref name="negligible"/> (NaN kept).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Depressed(float weight, float trace, float step, float negligible)
    {
        float w = weight - (step * (Math.Abs(trace) < negligible ? 0 : trace));
        return w > 0 ? w : 0;
    }

    /// <summary>
    /// The dense row's registers (512-bit where the CPU has them): each 8-byte <see cref="PostTrace"/> read as a long
    /// whose low half is the trace's bits, narrowed to them; max(·, 0) as a select so that NaN and −0 give +0 as the
    /// scalar test does; the last partial register's synapses one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a call of its own: the scattered rows' loop compiles as it did without it
    private static void Dense(Span<float> weights, ReadOnlySpan<PostTrace> post, float step, float negligible)
    {
        ref long packed = ref Unsafe.As<PostTrace, long>(ref MemoryMarshal.GetReference(post));
        ref float w = ref MemoryMarshal.GetReference(weights);
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var s512 = Vector512.Create(step);
            var small512 = Vector512.Create(negligible);
            for (; k <= weights.Length - 16; k += 16)
            {
                nuint i = (nuint)k;
                Vector512<float> trace = Vector512.Narrow(Vector512.LoadUnsafe(ref packed, i), Vector512.LoadUnsafe(ref packed, i + 8)).AsSingle();
                trace = Vector512.AndNot(trace, Vector512.LessThan(Vector512.Abs(trace), small512));
                Vector512<float> x = Vector512.LoadUnsafe(ref w, i) - (s512 * trace);
                Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, Vector512<float>.Zero).StoreUnsafe(ref w, i);
            }
        }

        var s = new Vector<float>(step);
        var small = new Vector<float>(negligible);
        int width = Vector<float>.Count;
        nuint half = (nuint)Vector<long>.Count;
        for (; k <= weights.Length - width; k += width)
        {
            nuint i = (nuint)k;
            Vector<float> trace = Vector.AsVectorSingle(Vector.Narrow(Vector.LoadUnsafe(ref packed, i), Vector.LoadUnsafe(ref packed, i + half)));
            trace = Vector.AndNot(trace, Vector.As<int, float>(Vector.LessThan(Vector.Abs(trace), small)));
            Vector<float> x = Vector.LoadUnsafe(ref w, i) - (s * trace);
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, Vector<float>.Zero).StoreUnsafe(ref w, i);
        }

        for (; k < weights.Length; k++)
        {
            weights[k] = Depressed(weights[k], post[k].Trace1, step, negligible);
        }
    }
}
