using SpikeCore.Reservoir.Audio;
using SpikeCore.Reservoir.FrontEnd;
using SpikeCore;

namespace SpikeCore.Reservoir.Tests.FrontEnd;

public class CochleagramTests
{
    private static AudioClip Tone(double hz, double seconds = 0.3, int rate = 8000) =>
        new(Enumerable.Range(0, (int)(seconds * rate)).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / rate))).ToArray(), rate);

    [Theory]
    [InlineData(FilterbankKind.Gammatone)]
    [InlineData(FilterbankKind.Mel)]
    public void A_pure_tone_excites_the_channel_tuned_to_it(FilterbankKind kind)
    {
        var options = new FrontEndOptions { Filterbank = kind, Compression = Compression.None, Normalise = false, PreEmphasis = 0 };
        int previous = -1;
        foreach (double hz in new[] { 300.0, 700, 1500, 3000 })
        {
            Cochleagram c = Cochleagram.Compute(Tone(hz), options);
            double[] energy = Enumerable.Range(0, options.Channels).Select(ch => c.Frames.Average(f => (double)f[ch])).ToArray();
            int best = Array.IndexOf(energy, energy.Max());
            double spacing = best + 1 < c.CentreHz.Length ? c.CentreHz[best + 1] - c.CentreHz[best] : c.CentreHz[best] - c.CentreHz[best - 1];
            Assert.True(Math.Abs(c.CentreHz[best] - hz) <= spacing + 31.25, $"{kind}: {hz} Hz peaks in channel {best} centred at {c.CentreHz[best]} Hz");
            Assert.True(best > previous, $"{kind}: channel order not tonotopic at {hz} Hz");
            previous = best;
        }
    }

    [Fact]
    public void Frames_come_every_hop_and_normalisation_gives_zero_mean_unit_variance()
    {
        AudioClip clip = Tone(440, seconds: 1.0);
        Cochleagram c = Cochleagram.Compute(clip, new FrontEndOptions());
        Assert.InRange(c.Frames.Length, 96, 101); // (1000 − 25)/10 + 1 = 98.5
        Assert.All(c.Frames, f => Assert.Equal(32, f.Length));
        double[] all = c.Frames.SelectMany(f => f.Select(x => (double)x)).ToArray();
        double mean = all.Average(), sd = Math.Sqrt(all.Average(x => (x - mean) * (x - mean)));
        Assert.Equal(0, mean, 1e-5);
        Assert.Equal(1, sd, 1e-4);

        // Cube-root compression of the same energies: the log of the compressed values is a third of the log of the raw.
        var raw = new FrontEndOptions { Compression = Compression.None, Normalise = false };
        Cochleagram e = Cochleagram.Compute(clip, raw), r = Cochleagram.Compute(clip, raw with { Compression = Compression.CubeRoot });
        Assert.Equal(Math.Cbrt(e.Frames[50][10]), r.Frames[50][10], 1e-6 * Math.Cbrt(e.Frames[50][10]));
    }

    [Fact]
    public void Impossible_options_are_named()
    {
        var e = Assert.Throws<ArgumentException>(() => Cochleagram.Compute(Tone(440), new FrontEndOptions { HighHz = 6000, HopMs = 40 }));
        Assert.Contains("high_hz <= 4000", e.Message, StringComparison.Ordinal);
        Assert.Contains("hop_ms <= frame_ms", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spoken_digit_gives_a_finite_cochleagram()
    {
        AudioClip clip = WavFile.Read(Path.Combine(DataPaths.FsddRecordings, "3_jackson_10.wav"));
        Cochleagram c = Cochleagram.Compute(clip, new FrontEndOptions());
        Assert.True(c.Frames.Length > 10);
        Assert.All(c.Frames, f => Assert.All(f, x => Assert.True(float.IsFinite(x))));
    }
}
