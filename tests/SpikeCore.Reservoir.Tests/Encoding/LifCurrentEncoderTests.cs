using SpikeCore.Reservoir.Encoding;

namespace SpikeCore.Reservoir.Tests.Encoding;

public class LifCurrentEncoderTests
{
    [Fact]
    public void Constant_drive_fires_with_the_closed_form_period()
    {
        var encoder = new LifCurrentEncoder(MembraneTauMs: 10, RefractoryMs: 2);
        double[] signal = Enumerable.Repeat(1.0, 100).ToArray(); // 100 samples of 5 ms: crossings fall inside and across samples
        List<double> spikes = encoder.Encode(signal, gain: 1.5, bias: 0, stepMs: 5);
        double period = 2 + (10 * Math.Log(1.5 / 0.5));
        Assert.Equal(10 * Math.Log(1.5 / 0.5), spikes[0], 1e-9);
        Assert.All(Enumerable.Range(0, spikes.Count), k => Assert.Equal(spikes[0] + (k * period), spikes[k], 1e-9));
        Assert.Equal((int)((500 - spikes[0]) / period) + 1, spikes.Count);
        Assert.Equal(1000 / period, encoder.RateHz(1.5), 1e-12);
        Assert.Empty(encoder.Encode(signal, gain: 1.0, bias: 0, stepMs: 5)); // a = 1 approaches threshold, never reaches it
    }

    [Fact]
    public void Spike_times_match_a_fine_step_reference_for_a_varying_signal()
    {
        var r = new System.Random(4);
        double[] signal = Enumerable.Range(0, 200).Select(_ => r.NextDouble()).ToArray();
        var encoder = new LifCurrentEncoder(MembraneTauMs: 8, RefractoryMs: 1);
        List<double> exact = encoder.Encode(signal, gain: 3, bias: 0.2, stepMs: 4);

        // Reference: forward Euler at 1 µs with linear interpolation of the crossing.
        var reference = new List<double>();
        const double h = 0.001;
        double v = 0, freeAt = 0;
        for (long k = 0; k < 800_000; k++)
        {
            double t = k * h;
            if (t < freeAt)
            {
                continue;
            }

            double a = 0.2 + (3 * signal[(int)(t / 4)]);
            double next = v + (h * (a - v) / 8);
            if (next >= 1)
            {
                double crossing = t + (h * (1 - v) / (next - v));
                reference.Add(crossing);
                v = 0;
                freeAt = crossing + 1;
                continue;
            }

            v = next;
        }

        Assert.True(exact.Count > 50, $"{exact.Count} spikes");
        Assert.Equal(reference.Count, exact.Count);
        Assert.All(Enumerable.Range(0, exact.Count), k => Assert.Equal(reference[k], exact[k], 0.01));
    }

    [Fact]
    public void Impossible_parameters_and_non_finite_samples_are_named()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LifCurrentEncoder(MembraneTauMs: 0).Encode([1.0], 2, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LifCurrentEncoder(RefractoryMs: -1).Encode([1.0], 2, 0, 1));
        ArgumentException e = Assert.Throws<ArgumentException>(() => new LifCurrentEncoder().Encode([1.0, double.NaN], 2, 0, 1));
        Assert.Contains("sample 1", e.Message, StringComparison.Ordinal);
    }
}
