using System.Buffers.Binary;
using System.IO.Compression;

namespace SpikeCore.Datasets;

/// <summary>
/// Reads the idx format of MNIST and Fashion-MNIST (LeCun et al.): two zero bytes, a type byte (0x08: unsigned
/// bytes, the only type these sets use), a dimension count, the dimensions as big-endian 32-bit integers, then the
/// values; gzip-compressed when the name ends in <c>.gz</c>. Every problem is an <see cref="InvalidDataException"/>
/// naming the file: a wrong header, a dimension below 1, data shorter or longer than the header announces, a corrupt
/// archive. Memory grows with what the file holds, never with what its header announces.
/// </summary>
public static class Idx
{
    /// <summary>The most bytes of values a file may announce (1 GiB: Fashion-MNIST's largest file holds 47 MB).</summary>
    public const long MaxValues = 1L << 30;

    /// <summary>The dimensions and values of the idx file <paramref name="path"/>, which must have <paramref name="dimensions"/> dimensions.</summary>
    public static (int[] Shape, byte[] Values) Read(string path, int dimensions)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist", path);
        }

        using FileStream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return Parse(stream, Path.GetFileName(path), dimensions);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(Path.GetFileName(path), StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: not a readable gzip archive ({e.Message})", e);
        }
    }

    /// <summary>As <see cref="Read"/>, from an uncompressed <paramref name="stream"/>; <paramref name="name"/> labels errors.</summary>
    public static (int[] Shape, byte[] Values) Parse(Stream stream, string name, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[4];
        if (stream.ReadAtLeast(header, 4, throwOnEndOfStream: false) < 4)
        {
            throw new InvalidDataException($"{name}: shorter than an idx header");
        }

        if (header[0] != 0 || header[1] != 0 || header[2] != 0x08)
        {
            throw new InvalidDataException($"{name}: not an idx file of unsigned bytes (header {header[0]:x2} {header[1]:x2} {header[2]:x2}, expected 00 00 08)");
        }

        if (header[3] != dimensions)
        {
            throw new InvalidDataException($"{name}: {header[3]} dimensions, expected {dimensions}");
        }

        int[] shape = new int[dimensions];
        long count = 1;
        for (int d = 0; d < dimensions; d++)
        {
            if (stream.ReadAtLeast(header, 4, throwOnEndOfStream: false) < 4)
            {
                throw new InvalidDataException($"{name}: header ends before dimension {d + 1} of {dimensions}");
            }

            shape[d] = BinaryPrimitives.ReadInt32BigEndian(header);
            if (shape[d] < 1)
            {
                throw new InvalidDataException($"{name}: dimension {d + 1} is {shape[d]} (must be >= 1)");
            }

            count *= shape[d];
            if (count > MaxValues)
            {
                throw new InvalidDataException($"{name}: announces more than {MaxValues} values ({string.Join(" x ", shape.Take(d + 1))}...)");
            }
        }

        // Read what the file holds, at most one byte more than announced, into a buffer that grows with it.
        using var values = new MemoryStream((int)Math.Min(count, 1 << 20));
        byte[] chunk = new byte[1 << 16];
        int read;
        while (values.Length <= count && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, count + 1 - values.Length))) > 0)
        {
            values.Write(chunk, 0, read);
        }

        if (values.Length < count)
        {
            throw new InvalidDataException($"{name}: truncated: {values.Length} of the {count} values its header announces ({string.Join(" x ", shape)})");
        }

        if (values.Length > count)
        {
            throw new InvalidDataException($"{name}: more data than its header announces ({string.Join(" x ", shape)} = {count} values)");
        }

        return (shape, values.ToArray());
    }
}
