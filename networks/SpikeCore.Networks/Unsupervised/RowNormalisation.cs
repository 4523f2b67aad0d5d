using System.Numerics;
using System.Runtime.InteropServices;

namespace SpikeCore.Networks.Unsupervised;

/// <summary>
/// Diehl and Cook's weight normalisation over an all-to-all projection stored row by row (source by source, each row
/// the targets 0, 1, ..., N − 1): every target's weights summed, then scaled to a fixed sum and clipped, a register at
/// a time. Lane by lane the scalar code's operations (w·S / Σ in double, rounded to float, min with the cap), so the
/// same numbers as one synapse at a time.
/// </summary>
internal static class RowNormalisation
{
    /// <summary>sums[t] += row[t] for each target t, in double.</summary>
    public static void Accumulate(Span<double> sums, ReadOnlySpan<float> row)
    {
        ref double sum = ref MemoryMarshal.GetReference(sums);
        ref float w = ref MemoryMarshal.GetReference(row);
        int half = Vector<double>.Count, t = 0;
        for (; t <= row.Length - Vector<float>.Count; t += Vector<float>.Count)
        {
            Vector.Widen(Vector.LoadUnsafe(ref w, (nuint)t), out Vector<double> low, out Vector<double> high);
            (Vector.LoadUnsafe(ref sum, (nuint)t) + low).StoreUnsafe(ref sum, (nuint)t);
            (Vector.LoadUnsafe(ref sum, (nuint)(t + half)) + high).StoreUnsafe(ref sum, (nuint)(t + half));
        }

        for (; t < row.Length; t++)
        {
            sums[t] += row[t];
        }
    }

    /// <summary>row[t] ← min((float)(row[t]·<paramref name="weightSum"/> / sums[t]), <paramref name="cap"/>) where sums[t] &gt; 0.</summary>
    public static void Scale(Span<float> row, ReadOnlySpan<double> sums, double weightSum, float cap)
    {
        ref double sum = ref MemoryMarshal.GetReference(sums);
        ref float w = ref MemoryMarshal.GetReference(row);
        int half = Vector<double>.Count, t = 0;
        var target = new Vector<double>(weightSum);
        var ceiling = new Vector<float>(cap);
        for (; t <= row.Length - Vector<float>.Count; t += Vector<float>.Count)
        {
            Vector<float> old = Vector.LoadUnsafe(ref w, (nuint)t);
            Vector.Widen(old, out Vector<double> low, out Vector<double> high);
            Vector<double> sumLow = Vector.LoadUnsafe(ref sum, (nuint)t), sumHigh = Vector.LoadUnsafe(ref sum, (nuint)(t + half));
            Vector<float> scaled = Vector.Narrow(low * target / sumLow, high * target / sumHigh);
            scaled = Vector.ConditionalSelect(Vector.GreaterThan(scaled, ceiling), ceiling, scaled); // Math.Min's result, NaN kept
            Vector<int> positive = Vector.Narrow(Vector.GreaterThan(sumLow, Vector<double>.Zero), Vector.GreaterThan(sumHigh, Vector<double>.Zero));
            Vector.ConditionalSelect(positive, scaled, old).StoreUnsafe(ref w, (nuint)t);
        }

        for (; t < row.Length; t++)
        {
            row[t] = Scaled(row[t], sums[t], weightSum, cap);
        }
    }

    /// <summary>One weight: scaled where its target's sum is positive, else left.</summary>
    public static float Scaled(float w, double sum, double weightSum, float cap) =>
        sum > 0 ? Math.Min((float)(w * weightSum / sum), cap) : w;
}
