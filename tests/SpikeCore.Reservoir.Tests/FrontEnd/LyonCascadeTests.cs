using SpikeCore.Reservoir.FrontEnd;

namespace SpikeCore.Reservoir.Tests.FrontEnd;

public class LyonCascadeTests
{
    private static readonly LyonCascade s_cascade = LyonCascade.Design(8000, 100, 4000, 32);

    private static float[] Tone(double hz, double amplitude, int samples) =>
        Enumerable.Range(0, samples).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / 8000))).ToArray();

    [Fact]
    public void Each_channel_peaks_near_its_centre_and_cuts_off_sharply_above_it()
    {
        double previousPeak = double.PositiveInfinity;
        for (int c = 0; c < 32; c++)
        {
            double cf = s_cascade.CentreHz[c];
            double peakHz = Enumerable.Range(1, 3999).Select(f => (double)f).MaxBy(f => s_cascade.Gain(c, f));
            Assert.InRange(peakHz / cf, 0.8, 1.25);
            Assert.True(peakHz < previousPeak, $"channel {c} peaks at {peakHz} Hz, not below the channel before it");
            previousPeak = peakHz;
            if (cf < 1800)
            {
                Assert.True(s_cascade.Gain(c, 2 * cf) < 0.1 * s_cascade.Gain(c, peakHz), $"channel {c}: the cascade passes twice its centre");
            }
        }

        Assert.Equal(100, s_cascade.CentreHz[^1], 1e-9);
    }

    [Fact]
    public void Without_agc_a_channel_passes_a_tone_as_its_transfer_function_says()
    {
        // The half-wave rectified steady-state output of a sine of amplitude A through H has mean |H(f)| A / π.
        foreach ((int channel, double hz) in new[] { (4, 2500.0), (12, 1000), (20, 500), (28, 200) })
        {
            float[][] frames = s_cascade.Frames(Tone(hz, 0.1, 8000), frameSamples: 4000, hopSamples: 4000, agc: false);
            double expected = s_cascade.Gain(channel, hz) * 0.1 / Math.PI;
            Assert.Equal(expected, frames[1][31 - channel], expected * 0.01); // second half second: transients gone
        }
    }

    [Fact]
    public void The_agc_settles_where_each_stage_gives_out_equal_to_in_over_one_plus_in_over_target()
    {
        double[] epsilons = s_cascade.AgcEpsilons.ToArray();
        var gain = new double[4, 5];
        var smoothed = new double[5];
        var output = new double[5];
        const double input = 0.01;
        for (int i = 0; i < 200_000; i++)
        {
            Array.Fill(output, input);
            LyonCascade.Agc(output, gain, smoothed, epsilons);
        }

        double expected = input;
        foreach (double target in LyonCascade.AgcTargets)
        {
            expected /= 1 + (expected / target); // out = in (1 − a), a = out/target
        }

        Assert.All(output, o => Assert.Equal(expected, o, expected * 1e-6));
    }

    [Fact]
    public void With_agc_a_hundred_times_louder_tone_comes_out_less_than_twenty_times_louder()
    {
        float[][] quiet = s_cascade.Frames(Tone(1000, 1e-4, 4000), 2000, 2000), loud = s_cascade.Frames(Tone(1000, 1e-2, 4000), 2000, 2000);
        float[][] quietLinear = s_cascade.Frames(Tone(1000, 1e-4, 4000), 2000, 2000, agc: false), loudLinear = s_cascade.Frames(Tone(1000, 1e-2, 4000), 2000, 2000, agc: false);
        Assert.Equal(100, loudLinear[1][19] / quietLinear[1][19], 1e-2); // the cascade alone is linear
        Assert.InRange(loud[1][19] / quiet[1][19], 1, 20); // the AGC compresses 40 dB into less than 26
    }

    [Fact]
    public void Overlapping_frames_are_the_means_of_the_samples_they_cover()
    {
        float[] tone = Tone(700, 0.05, 1000);
        float[][] perSample = s_cascade.Frames(tone, frameSamples: 1, hopSamples: 1);
        float[][] frames = s_cascade.Frames(tone, frameSamples: 200, hopSamples: 80);
        Assert.Equal(1 + ((1000 - 200) / 80), frames.Length);
        for (int t = 0; t < frames.Length; t++)
        {
            for (int c = 0; c < 32; c += 5)
            {
                double mean = Enumerable.Range(t * 80, 200).Average(i => (double)perSample[i][c]);
                Assert.Equal(mean, frames[t][c], 1e-6 * Math.Max(1e-3, Math.Abs(mean)));
            }
        }
    }

    [Fact]
    public void Impossible_bands_are_named()
    {
        Assert.Contains("Lyon cascade", Assert.Throws<ArgumentException>(() => LyonCascade.Design(8000, 50, 4000, 32)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LyonCascade.Design(8000, 100, 5000, 32));
    }
}
