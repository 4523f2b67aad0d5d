namespace SpikeCore.Reservoir.Encoding;

/// <summary>
/// Ben's Spiker Algorithm (Schrauwen and Van Campenhout 2003): a spike at t when subtracting the reconstruction filter
/// h from the signal ahead of t lowers the error enough, Σ|x[t+k] − h[k]| ≤ Σ|x[t+k]| − θ; the spike's h is then
/// subtracted. Decoding is the spike train convolved with h. Signals must be non-negative (shift them first). θ near
/// 0.8 of the filter's area works well: smaller values let spikes overshoot the signal.
/// </summary>
public static class BsaEncoder
{
    /// <summary>A normalised Gaussian-window FIR filter of <paramref name="length"/> taps (the usual BSA choice).</summary>
    public static double[] GaussianFilter(int length, double sigmaTaps, double gain = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        double[] h = Enumerable.Range(0, length).Select(k => Math.Exp(-0.5 * Math.Pow((k - ((length - 1) / 2.0)) / sigmaTaps, 2))).ToArray();
        double sum = h.Sum();
        return h.Select(v => gain * v / sum).ToArray();
    }

    /// <summary>Spike times (ms) of a non-negative signal sampled every <paramref name="stepMs"/>.</summary>
    public static List<double> Encode(ReadOnlySpan<float> signal, IReadOnlyList<double> filter, double threshold, double stepMs)
    {
        ArgumentNullException.ThrowIfNull(filter);
        StepForwardEncoder.CheckStep(stepMs);
        double[] x = new double[signal.Length];
        for (int i = 0; i < x.Length; i++)
        {
            if (signal[i] < 0 || !float.IsFinite(signal[i]))
            {
                throw new ArgumentException($"BSA needs a finite, non-negative signal (sample {i} is {signal[i]})", nameof(signal));
            }

            x[i] = signal[i];
        }

        var spikes = new List<double>();
        for (int t = 0; t < x.Length; t++)
        {
            double with = 0, without = 0;
            for (int k = 0; k < filter.Count && t + k < x.Length; k++)
            {
                with += Math.Abs(x[t + k] - filter[k]);
                without += Math.Abs(x[t + k]);
            }

            if (with <= without - threshold)
            {
                spikes.Add(t * stepMs);
                for (int k = 0; k < filter.Count && t + k < x.Length; k++)
                {
                    x[t + k] -= filter[k];
                }
            }
        }

        return spikes;
    }

    /// <summary>The decoded signal: the spike train convolved with the filter.</summary>
    public static double[] Reconstruct(IReadOnlyList<double> spikesMs, IReadOnlyList<double> filter, int length, double stepMs)
    {
        ArgumentNullException.ThrowIfNull(spikesMs);
        ArgumentNullException.ThrowIfNull(filter);
        var y = new double[length];
        foreach (double s in spikesMs)
        {
            int t = (int)Math.Round(s / stepMs);
            for (int k = 0; k < filter.Count && t + k < length; k++)
            {
                y[t + k] += filter[k];
            }
        }

        return y;
    }
}
