using System.Numerics;
using System.Runtime.InteropServices;

namespace SpikeCore.Runtimes;

/// <summary>
/// Each target neuron's incoming weights scaled to a fixed sum, each then capped (Diehl and Cook 2015's normalisation
/// before every sample): w ← min((float)(w·S / Σ), cap) where Σ, the target's weights summed in double in the
/// projection's synapse order, is positive; other targets' weights are left. A projection stored row by row (source by
/// source, each row onto the targets 0, 1, ..., N − 1, as an all-to-all one) runs a register at a time, lane by lane the
/// scalar code's operations, so the same numbers as one synapse at a time.
/// </summary>
internal static class WeightNormalisation
{
    /// <summary>
    /// Normalises <paramref name="weights"/> onto <paramref name="targets"/> (local indices below <paramref name="sums"/>'
    /// length, which is cleared and left holding each target's sum); <paramref name="rowLength"/> N &gt; 0 says the
    /// weights are rows onto the targets 0, ..., N − 1.
    /// </summary>
    public static void Apply(Span<float> weights, ReadOnlySpan<int> targets, int rowLength, Span<double> sums, double weightSum, float cap)
    {
        sums.Clear();
        if (rowLength > 0)
        {
            for (int row = 0; row < weights.Length; row += rowLength)
            {
                Accumulate(sums, weights.Slice(row, rowLength));
            }

            for (int row = 0; row < weights.Length; row += rowLength)
            {
                Scale(weights.Slice(row, rowLength), sums, weightSum, cap);
            }

            return;
        }

        for (int k = 0; k < weights.Length; k++)
        {
            sums[targets[k]] += weights[k];
        }

        for (int k = 0; k < weights.Length; k++)
        {
            weights[k] = Scaled(weights[k], sums[targets[k]], weightSum, cap);
        }
    }

    /// <summary>Whether <paramref name="targets"/> are rows of <paramref name="rowLength"/> onto 0, ..., <paramref name="rowLength"/> − 1.</summary>
    public static bool AreRows(ReadOnlySpan<int> targets, int rowLength)
    {
        if (rowLength <= 0 || targets.Length % rowLength != 0)
        {
            return false;
        }

        for (int k = 0; k < targets.Length; k++)
        {
            if (targets[k] != k % rowLength)
            {
                return false;
            }
        }

        return true;
    }

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
