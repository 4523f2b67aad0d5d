using SpikeCore.Random;

namespace SpikeCore.Reservoir.Encoding;

/// <summary>
/// Rate encoding: a Poisson train whose rate follows the signal, piecewise constant over each sample,
/// rate = max_rate · clamp((x − low)/(high − low), 0, 1); spike times are exact (exponential waiting times, rescaled
/// through the piecewise rate).
/// </summary>
public static class PoissonRateEncoder
{
    /// <summary>Spike times (ms) for a signal sampled every <paramref name="stepMs"/>; the stream is keyed by <paramref name="seed"/> and <paramref name="channel"/>.</summary>
    public static List<double> Encode(ReadOnlySpan<float> signal, double low, double high, double maxRateHz, double stepMs, ulong seed, int channel)
    {
        StepForwardEncoder.CheckStep(stepMs);
        if (!(high > low) || !(maxRateHz >= 0) || double.IsInfinity(maxRateHz))
        {
            throw new ArgumentOutOfRangeException(nameof(high), $"need low < high and a finite max rate >= 0 (got [{low}, {high}], {maxRateHz} Hz)");
        }

        var rng = KeyedRandom.Create(seed, StreamPurpose.RateEncoding, (ulong)channel);
        var spikes = new List<double>();
        double need = rng.NextExponential(); // integrated rate (expected spikes) until the next spike
        for (int i = 0; i < signal.Length; i++)
        {
            double rate = maxRateHz * Math.Clamp((signal[i] - low) / (high - low), 0, 1) / 1000; // per ms
            double t = i * stepMs, end = t + stepMs;
            while (rate > 0 && t + (need / rate) < end)
            {
                t += need / rate;
                spikes.Add(t);
                need = rng.NextExponential();
            }

            need -= rate * (end - t);
        }

        return spikes;
    }
}
