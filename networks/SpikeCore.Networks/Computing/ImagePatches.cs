using SpikeCore.Datasets;
using SpikeCore.Random;

namespace SpikeCore.Networks.Computing;

/// <summary>
/// Square patches cut from a set's images at seeded places, each with its mean removed (the dictionary codes contrast,
/// not brightness); flat patches (standard deviation under <c>minContrast</c>, e.g. the empty background) are drawn again.
/// </summary>
public static class ImagePatches
{
    /// <summary><paramref name="count"/> patches of <paramref name="side"/>², row-major (count × side²), in the images' own units.</summary>
    public static double[] Cut(LabelledSet set, int side, int count, double minContrast, ulong seed, ulong stream)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (side < 1 || side > set.Width || side > set.Height || count < 1)
        {
            throw new ArgumentException($"patches of {side}x{side} from {set.Width}x{set.Height} images, at least one (got {count})");
        }

        var rng = KeyedRandom.Create(seed, StreamPurpose.SparseCoding, stream);
        int m = side * side;
        var patches = new double[count * m];
        for (int p = 0, attempts = 0; p < count; attempts++)
        {
            if (attempts > 1000 * count)
            {
                throw new ArgumentException($"{set.Name}: fewer than one patch in 1,000 has a standard deviation of {minContrast} or more");
            }

            int image = rng.NextInt(set.Count), top = rng.NextInt(set.Height - side + 1), left = rng.NextInt(set.Width - side + 1);
            ReadOnlySpan<float> pixels = set.Sample(image);
            Span<double> patch = patches.AsSpan(p * m, m);
            for (int r = 0; r < side; r++)
            {
                for (int c = 0; c < side; c++)
                {
                    patch[(r * side) + c] = pixels[((top + r) * set.Width) + left + c];
                }
            }

            double mean = System.Numerics.Tensors.TensorPrimitives.Average<double>(patch);
            System.Numerics.Tensors.TensorPrimitives.Subtract(patch, mean, patch);
            if (System.Numerics.Tensors.TensorPrimitives.Norm<double>(patch) / Math.Sqrt(m) >= minContrast)
            {
                p++;
            }
        }

        return patches;
    }
}
