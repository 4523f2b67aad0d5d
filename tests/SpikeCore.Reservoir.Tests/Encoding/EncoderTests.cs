using SpikeCore.Reservoir.Encoding;
using SpikeCore.Reservoir.Readout;

namespace SpikeCore.Reservoir.Tests.Encoding;

public class EncoderTests
{
    /// <summary>A slow random walk with steps of at most <paramref name="maxStep"/> per sample.</summary>
    private static float[] Walk(int n, double maxStep, int seed)
    {
        var r = new System.Random(seed);
        var x = new float[n];
        for (int i = 1; i < n; i++)
        {
            x[i] = (float)(x[i - 1] + (maxStep * ((2 * r.NextDouble()) - 1)));
        }

        return x;
    }

    [Fact]
    public void Step_forward_reconstruction_stays_within_the_threshold()
    {
        float[] x = Walk(2000, 0.1, 1);
        (List<double> up, List<double> down) = StepForwardEncoder.Encode(x, 0.1, 1.0);
        double[] y = StepForwardEncoder.Reconstruct(x[0], up, down, x.Length, 0.1, 1.0);
        Assert.True(up.Count + down.Count > 100);
        Assert.All(Enumerable.Range(0, x.Length), i => Assert.InRange(y[i] - x[i], -0.1 - 1e-6, 0.1 + 1e-6));
    }

    [Fact]
    public void Send_on_delta_decoder_stays_within_delta_for_any_signal()
    {
        float[] x = Walk(2000, 0.7, 2); // jumps of several δ per sample
        (List<double> up, List<double> down) = SendOnDeltaEncoder.Encode(x, 0.1, 1.0);
        double[] y = StepForwardEncoder.Reconstruct(x[0], up, down, x.Length, 0.1, 1.0);
        Assert.All(Enumerable.Range(0, x.Length), i => Assert.InRange(x[i] - y[i], -0.1 - 1e-6, 0.1 + 1e-6));
    }

    [Fact]
    public void Bsa_reconstructs_a_smooth_signal()
    {
        float[] x = Enumerable.Range(0, 2000).Select(i => (float)(1 + (0.6 * Math.Sin(i / 40.0)) + (0.3 * Math.Sin(i / 13.0)))).ToArray();
        double[] h = BsaEncoder.GaussianFilter(24, 5, gain: 5);
        List<double> spikes = BsaEncoder.Encode(x, h, threshold: 4, stepMs: 1.0); // 0.8 of the filter area
        double[] y = BsaEncoder.Reconstruct(spikes, h, x.Length, 1.0);
        double nrmse = Metrics.Nrmse(x.Skip(30).Take(1900).Select(v => (double)v).ToArray(), y.Skip(30).Take(1900).ToArray());
        Assert.True(nrmse < 0.3, $"NRMSE {nrmse} with {spikes.Count} spikes");
        Assert.Throws<ArgumentException>(() => BsaEncoder.Encode([1f, -1f], h, 0.9, 1.0));
    }

    [Fact]
    public void Poisson_counts_follow_the_integrated_rate()
    {
        // Half the samples at full scale (200 Hz), half at a quarter: 1 s at 1 ms samples → 125 spikes expected.
        float[] x = Enumerable.Range(0, 1000).Select(i => i < 500 ? 1f : 0.25f).ToArray();
        double[] counts = Enumerable.Range(0, 400).Select(c => (double)PoissonRateEncoder.Encode(x, 0, 1, 200, 1.0, 7, c).Count).ToArray();
        double mean = counts.Average(), variance = counts.Average(n => (n - mean) * (n - mean));
        Assert.Equal(125, mean, 2.5);          // standard error of the mean ≈ 0.56
        Assert.Equal(125, variance, 125 * 0.25); // Poisson: variance = mean
        Assert.Empty(PoissonRateEncoder.Encode(new float[100], 0, 1, 200, 1.0, 7, 0));
        Assert.Equal(PoissonRateEncoder.Encode(x, 0, 1, 200, 1.0, 7, 3), PoissonRateEncoder.Encode(x, 0, 1, 200, 1.0, 7, 3));
    }
}
