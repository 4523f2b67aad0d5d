using System.Numerics;

namespace SpikeCore.Reservoir.Features;

/// <summary>
/// Fixed-length features from a variable-length sequence: the time axis cut into equal segments and each channel
/// averaged over each segment (the no-reservoir baseline uses it on the cochleagram, the reservoir on spike counts).
/// </summary>
public static class SegmentFeatures
{
    /// <summary>Segment means of <paramref name="frames"/> (time × channels), segment-major: [seg0 ch0.., seg1 ch0.., ...].</summary>
    public static double[] Means(IReadOnlyList<float[]> frames, int segments) => Means<float>(frames, segments);

    /// <summary>Segment means of <paramref name="frames"/> (time × channels), segment-major: [seg0 ch0.., seg1 ch0.., ...].</summary>
    public static double[] Means(IReadOnlyList<double[]> frames, int segments) => Means<double>(frames, segments);

    private static double[] Means<T>(IReadOnlyList<T[]> frames, int segments)
        where T : struct, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 1);
        if (frames.Count == 0)
        {
            throw new ArgumentException("no frames to summarise", nameof(frames));
        }

        int channels = frames[0].Length;
        var features = new double[segments * channels];
        for (int s = 0; s < segments; s++)
        {
            int from = s * frames.Count / segments, to = Math.Max(from + 1, (s + 1) * frames.Count / segments);
            for (int t = from; t < to && t < frames.Count; t++)
            {
                for (int c = 0; c < channels; c++)
                {
                    features[(s * channels) + c] += double.CreateTruncating(frames[t][c]) / (to - from);
                }
            }
        }

        return features;
    }
}
