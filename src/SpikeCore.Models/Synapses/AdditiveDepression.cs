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
    /// trace; <paramref name="dense"/>: the targets are consecutive and the machine little-endian.
    /// </summary>
    public static void Apply(Span<float> weights, ReadOnlySpan<int> targets, bool dense, PostTrace[] post, float step)
    {
        if (dense)
        {
            Dense(weights, post.AsSpan(targets[0], targets.Length), step);
            return;
        }

        for (int k = 0; k < weights.Length; k++)
        {
            float w = weights[k] - (step * post[targets[k]].Trace1);
            weights[k] = w > 0 ? w : 0;
        }
    }

    /// <summary>
    /// The dense row's registers (512-bit where the CPU has them): each 8-byte <see cref="PostTrace"/> read as a long
    /// whose low half is the trace's bits, narrowed to them; max(·, 0) as a select so that NaN and −0 give +0 as the
    /// scalar test does; the last partial register's synapses one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a call of its own: the scattered rows' loop compiles as it did without it
    private static void Dense(Span<float> weights, ReadOnlySpan<PostTrace> post, float step)
    {
        ref long packed = ref Unsafe.As<PostTrace, long>(ref MemoryMarshal.GetReference(post));
        ref float w = ref MemoryMarshal.GetReference(weights);
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var s512 = Vector512.Create(step);
            for (; k <= weights.Length - 16; k += 16)
            {
                nuint i = (nuint)k;
                Vector512<float> trace = Vector512.Narrow(Vector512.LoadUnsafe(ref packed, i), Vector512.LoadUnsafe(ref packed, i + 8)).AsSingle();
                Vector512<float> x = Vector512.LoadUnsafe(ref w, i) - (s512 * trace);
                Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, Vector512<float>.Zero).StoreUnsafe(ref w, i);
            }
        }

        var s = new Vector<float>(step);
        int width = Vector<float>.Count;
        nuint half = (nuint)Vector<long>.Count;
        for (; k <= weights.Length - width; k += width)
        {
            nuint i = (nuint)k;
            Vector<float> trace = Vector.AsVectorSingle(Vector.Narrow(Vector.LoadUnsafe(ref packed, i), Vector.LoadUnsafe(ref packed, i + half)));
            Vector<float> x = Vector.LoadUnsafe(ref w, i) - (s * trace);
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, Vector<float>.Zero).StoreUnsafe(ref w, i);
        }

        for (; k < weights.Length; k++)
        {
            float x = weights[k] - (step * post[k].Trace1);
            weights[k] = x > 0 ? x : 0;
        }
    }
}
