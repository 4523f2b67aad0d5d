using System.Buffers.Binary;

namespace SpikeCore.Reservoir.Audio;

/// <summary>
/// Reads RIFF/WAVE files: PCM 8-bit (unsigned), 16-, 24- and 32-bit (signed), IEEE float 32- and 64-bit, plain or
/// WAVE_FORMAT_EXTENSIBLE, any sample rate and channel count (channels are averaged to mono). Chunks other than
/// <c>fmt </c> and <c>data</c> are skipped. Anything else, and any truncated file, gets an <see cref="InvalidDataException"/>
/// naming the file and the problem.
/// </summary>
public static class WavFile
{
    private const ushort FormatPcm = 1, FormatFloat = 3, FormatExtensible = 0xFFFE;

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static AudioClip Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"WAV file '{path}' does not exist", path);
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses the bytes of a WAV file; <paramref name="name"/> labels errors.</summary>
    public static AudioClip Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
        {
            throw Error(name, "not a RIFF/WAVE file");
        }

        (ushort format, int channels, int rate, int bits)? fmt = null;
        int at = 12;
        while (at <= bytes.Length - 8)
        {
            ReadOnlySpan<byte> id = bytes.Slice(at, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(at + 4, 4));
            int body = at + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > bytes.Length)
                {
                    throw Error(name, "truncated fmt chunk");
                }

                ushort format = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body, 2));
                int channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 2, 2));
                int rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(body + 4, 4));
                int bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 14, 2));
                if (format == FormatExtensible)
                {
                    if (size < 40 || body + 26 > bytes.Length)
                    {
                        throw Error(name, "truncated WAVE_FORMAT_EXTENSIBLE fmt chunk");
                    }

                    format = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 24, 2)); // the sub-format GUID's first two bytes
                }

                fmt = (format, channels, rate, bits);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (fmt is not { } f)
                {
                    throw Error(name, "data chunk before the fmt chunk");
                }

                if (body + (long)size > bytes.Length)
                {
                    throw Error(name, $"truncated: the data chunk announces {size} bytes, {bytes.Length - body} remain");
                }

                return Decode(bytes.Slice(body, (int)size), f.format, f.channels, f.rate, f.bits, name);
            }

            long next = body + (long)size + (size & 1); // chunks are padded to even sizes
            at = (int)Math.Min(next, bytes.Length);
        }

        throw Error(name, fmt is null ? "no fmt chunk" : "no data chunk");
    }

    private static AudioClip Decode(ReadOnlySpan<byte> data, ushort format, int channels, int rate, int bits, string name)
    {
        if (channels < 1)
        {
            throw Error(name, "zero channels");
        }

        if (rate < 1)
        {
            throw Error(name, $"sample rate {rate} Hz");
        }

        bool pcm = format == FormatPcm && bits is 8 or 16 or 24 or 32;
        bool ieee = format == FormatFloat && bits is 32 or 64;
        if (!pcm && !ieee)
        {
            throw Error(name, $"unsupported encoding (format tag {format}, {bits} bits): PCM 8/16/24/32-bit and IEEE float 32/64-bit are read");
        }

        int width = bits / 8, frame = width * channels;
        if (data.Length % frame != 0)
        {
            throw Error(name, $"truncated: {data.Length} data bytes is not a whole number of {frame}-byte frames");
        }

        int frames = data.Length / frame;
        var samples = new float[frames];
        for (int i = 0; i < frames; i++)
        {
            double sum = 0;
            for (int c = 0; c < channels; c++)
            {
                ReadOnlySpan<byte> s = data.Slice((i * frame) + (c * width), width);
                sum += (format, bits) switch
                {
                    (FormatPcm, 8) => (s[0] - 128) / 128.0,
                    (FormatPcm, 16) => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768.0,
                    (FormatPcm, 24) => ((s[0] | (s[1] << 8) | (s[2] << 16)) << 8 >> 8) / 8388608.0,
                    (FormatPcm, _) => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648.0,
                    (_, 32) => BinaryPrimitives.ReadSingleLittleEndian(s),
                    _ => BinaryPrimitives.ReadDoubleLittleEndian(s),
                };
            }

            samples[i] = (float)(sum / channels);
        }

        if (ieee && !samples.All(float.IsFinite))
        {
            throw Error(name, "float samples that are NaN or infinite");
        }

        return new AudioClip(samples, rate);
    }

    private static InvalidDataException Error(string name, string problem) => new($"{name}: {problem}");
}
