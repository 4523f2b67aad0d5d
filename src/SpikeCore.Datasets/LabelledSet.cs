namespace SpikeCore.Datasets;

/// <summary>
/// Labelled samples of equal length: images (row-major pixels) or feature vectors, with their classes. Values are
/// kept as the file stores them (pixel counts 0-16, grey levels 0-255, centimetres); <see cref="MaxValue"/> says the
/// full scale a learner should divide by.
/// </summary>
/// <param name="Name">Which set and part, e.g. <c>digits8x8 train</c>, for messages.</param>
/// <param name="Values">Sample k's values are [k · <see cref="Length"/>, (k + 1) · <see cref="Length"/>).</param>
/// <param name="Labels">Sample k's class, 0 ≤ label &lt; <see cref="ClassNames"/>.Count.</param>
/// <param name="Width">Image width (columns), or the feature count for non-images (<see cref="Height"/> 1).</param>
/// <param name="Height">Image height (rows).</param>
/// <param name="MaxValue">The largest value the format allows (pixel full scale); NaN for measurements.</param>
/// <param name="ClassNames">Class names by label.</param>
public sealed record LabelledSet(string Name, float[] Values, int[] Labels, int Width, int Height, double MaxValue, IReadOnlyList<string> ClassNames)
{
    /// <summary>Values per sample.</summary>
    public int Length => Width * Height;

    /// <summary>Samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Sample <paramref name="k"/>'s values.</summary>
    public ReadOnlySpan<float> Sample(int k) => Values.AsSpan(k * Length, Length);

    /// <summary>Every value divided by <see cref="MaxValue"/> (pixels in [0, 1]), sample after sample.</summary>
    public float[] Scaled()
    {
        var x = new float[Values.Length];
        float scale = (float)(1 / MaxValue);
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = Values[k] * scale;
        }

        return x;
    }

    /// <summary>Samples [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) as a set named <paramref name="name"/>.</summary>
    public LabelledSet Slice(string name, int first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + (long)count, Count);
        return this with { Name = name, Values = Values.AsSpan(first * Length, count * Length).ToArray(), Labels = Labels.AsSpan(first, count).ToArray() };
    }
}
