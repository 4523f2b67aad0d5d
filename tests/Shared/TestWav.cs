using System.Buffers.Binary;

namespace SpikeCore.TestSupport;

/// <summary>WAV files written byte by byte from the format's definition (independent of the reader), for reader tests and fuzz seeds.</summary>
internal static class TestWav
{
    /// <summary>A RIFF/WAVE file of <paramref name="data"/>, optionally WAVE_FORMAT_EXTENSIBLE and with an odd-sized LIST chunk to skip.</summary>
    public static byte[] Build(ushort format, int channels, int rate, int bits, byte[] data, bool extensible = false, bool junkChunk = false)
    {
        var s = new MemoryStream();
        var w = new BinaryWriter(s);
        w.Write("RIFF"u8);
        w.Write(0); // patched below
        w.Write("WAVE"u8);
        if (junkChunk)
        {
            w.Write("LIST"u8);
            w.Write(3);
            w.Write(new byte[] { 1, 2, 3, 0 }); // odd size, padded
        }

        w.Write("fmt "u8);
        w.Write(extensible ? 40 : 16);
        w.Write(extensible ? (ushort)0xFFFE : format);
        w.Write((ushort)channels);
        w.Write(rate);
        w.Write(rate * channels * bits / 8);
        w.Write((ushort)(channels * bits / 8));
        w.Write((ushort)bits);
        if (extensible)
        {
            w.Write((ushort)22);
            w.Write((ushort)bits);
            w.Write(0);
            w.Write(format);
            w.Write(new byte[14]);
        }

        w.Write("data"u8);
        w.Write(data.Length);
        w.Write(data);
        byte[] bytes = s.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }
}
