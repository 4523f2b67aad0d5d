using System.Buffers.Binary;
using SpikeCore.Reservoir.Audio;
using SpikeCore;
using SpikeCore.TestSupport;

namespace SpikeCore.Reservoir.Tests.Audio;

public class WavFileTests
{
    private static byte[] Wav(ushort format, int channels, int rate, int bits, byte[] data, bool extensible = false, bool junkChunk = false) =>
        TestWav.Build(format, channels, rate, bits, data, extensible, junkChunk);

    [Fact]
    public void Every_supported_encoding_decodes_to_the_same_samples()
    {
        double[] x = [0, 0.5, -0.5, 0.25, -1];
        byte[] pcm16 = x.SelectMany(v => BitConverter.GetBytes((short)(v * 32768 == 32768 ? 32767 : v * 32768))).ToArray();
        byte[] pcm8 = x.Select(v => (byte)(128 + (v * 128))).ToArray();
        byte[] pcm24 = x.SelectMany(v => { int i = (int)(v * 8388608); return new[] { (byte)i, (byte)(i >> 8), (byte)(i >> 16) }; }).ToArray();
        byte[] pcm32 = x.SelectMany(v => BitConverter.GetBytes((int)Math.Max(v * 2147483648.0, int.MinValue))).ToArray();
        byte[] f32 = x.SelectMany(v => BitConverter.GetBytes((float)v)).ToArray();
        byte[] f64 = x.SelectMany(v => BitConverter.GetBytes(v)).ToArray();
        foreach ((string name, byte[] file) in new[]
        {
            ("pcm8", Wav(1, 1, 8000, 8, pcm8)), ("pcm16", Wav(1, 1, 8000, 16, pcm16)), ("pcm24", Wav(1, 1, 8000, 24, pcm24)),
            ("pcm32", Wav(1, 1, 8000, 32, pcm32)), ("float32", Wav(3, 1, 8000, 32, f32)), ("float64", Wav(3, 1, 8000, 64, f64)),
            ("extensible pcm16", Wav(1, 1, 8000, 16, pcm16, extensible: true)), ("with a LIST chunk", Wav(1, 1, 8000, 16, pcm16, junkChunk: true)),
        })
        {
            AudioClip clip = WavFile.Parse(file, name);
            Assert.Equal(8000, clip.SampleRateHz);
            Assert.Equal(x.Length, clip.Samples.Length);
            for (int i = 0; i < x.Length; i++)
            {
                Assert.True(Math.Abs(x[i] - clip.Samples[i]) < 1.0 / 128, $"{name}[{i}]: {clip.Samples[i]} for {x[i]}");
            }
        }
    }

    [Fact]
    public void Stereo_is_averaged_to_mono_at_any_rate()
    {
        byte[] data = new short[] { 16384, -16384, 8192, 8192 }.SelectMany(BitConverter.GetBytes).ToArray();
        AudioClip clip = WavFile.Parse(Wav(1, 2, 44100, 16, data), "stereo");
        Assert.Equal(44100, clip.SampleRateHz);
        Assert.Equal([0f, 0.25f], clip.Samples);
    }

    [Theory]
    [InlineData("riff", "not a RIFF/WAVE file")]
    [InlineData("format", "unsupported encoding (format tag 2, 4 bits)")]
    [InlineData("truncated", "truncated: the data chunk announces 10 bytes, 6 remain")]
    [InlineData("frames", "is not a whole number of 2-byte frames")]
    [InlineData("nodata", "no data chunk")]
    [InlineData("nan", "NaN or infinite")]
    public void Bad_files_are_named_with_their_problem(string kind, string message)
    {
        byte[] good = Wav(1, 1, 8000, 16, new byte[10]);
        byte[] file = kind switch
        {
            "riff" => "RIFX"u8.ToArray().Concat(good.Skip(4)).ToArray(),
            "format" => Wav(2, 1, 8000, 4, new byte[10]),
            "truncated" => good[..^4],
            "frames" => Wav(1, 1, 8000, 16, new byte[9]),
            "nodata" => good[..36],
            _ => Wav(3, 1, 8000, 32, BitConverter.GetBytes(float.NaN)),
        };
        var e = Assert.Throws<InvalidDataException>(() => WavFile.Parse(file, "x.wav"));
        Assert.StartsWith("x.wav: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => WavFile.Read("/no/such/file.wav"));
    }

    [Fact]
    public void Fsdd_recordings_read_as_8_khz_mono()
    {
        AudioClip clip = WavFile.Read(Path.Combine(DataPaths.FsddRecordings, "0_george_0.wav"));
        Assert.Equal(8000, clip.SampleRateHz);
        Assert.InRange(clip.DurationS, 0.1, 2.0);
        Assert.True(clip.Samples.Max(Math.Abs) > 0.05, "a spoken digit is not silence");
    }
}
