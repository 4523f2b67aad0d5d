namespace SpikeCore.Recording;

/// <summary>
/// FNV-1a (64-bit) over the spike list in emission order: the bits of each spike time (IEEE double) and the neuron id.
/// Equal hashes mean, to overwhelming probability, the identical spike list bit for bit.
/// </summary>
public static class SpikeHash
{
    /// <summary>The hash of the empty list (the FNV-1a offset basis).</summary>
    public const ulong Seed = 14695981039346656037UL;

    private const ulong Prime = 1099511628211UL;

    /// <summary>Extends <paramref name="hash"/> with one spike.</summary>
    public static ulong Add(ulong hash, double timeMs, int neuron)
    {
        ulong t = (ulong)BitConverter.DoubleToInt64Bits(timeMs);
        for (int i = 0; i < 8; i++)
        {
            hash = (hash ^ ((t >> (8 * i)) & 0xFF)) * Prime;
        }

        uint n = (uint)neuron;
        for (int i = 0; i < 4; i++)
        {
            hash = (hash ^ ((n >> (8 * i)) & 0xFF)) * Prime;
        }

        return hash;
    }

    /// <summary>Hash of a whole list.</summary>
    public static ulong Of(ReadOnlySpan<double> timesMs, ReadOnlySpan<int> neurons)
    {
        ulong h = Seed;
        for (int i = 0; i < timesMs.Length; i++)
        {
            h = Add(h, timesMs[i], neurons[i]);
        }

        return h;
    }

    /// <summary>The hash as 16 lowercase hex digits.</summary>
    public static string Format(ulong hash) => hash.ToString("x16");
}
