namespace SpikeCore.Reservoir.Encoding;

/// <summary>
/// Step-forward (threshold-based) encoding (Kasabov et al. 2016; Petro et al. 2020): a baseline starts at the first
/// sample and moves by ±θ whenever the signal leaves [B − θ, B + θ], emitting an "up" or "down" spike. Reconstruction
/// (the baseline) stays within θ of every sample a spike could follow: steps of at most θ per sample are exact.
/// </summary>
public static class StepForwardEncoder
{
    /// <summary>Up and down spike times (ms) for a signal sampled every <paramref name="stepMs"/>.</summary>
    public static (List<double> Up, List<double> Down) Encode(ReadOnlySpan<float> signal, double threshold, double stepMs)
    {
        Check(threshold, stepMs);
        var up = new List<double>();
        var down = new List<double>();
        if (signal.Length == 0)
        {
            return (up, down);
        }

        double baseline = signal[0];
        for (int t = 1; t < signal.Length; t++)
        {
            if (signal[t] > baseline + threshold)
            {
                up.Add(t * stepMs);
                baseline += threshold;
            }
            else if (signal[t] < baseline - threshold)
            {
                down.Add(t * stepMs);
                baseline -= threshold;
            }
        }

        return (up, down);
    }

    /// <summary>The baseline the spikes imply, per sample (the decoder).</summary>
    public static double[] Reconstruct(double start, IReadOnlyList<double> up, IReadOnlyList<double> down, int length, double threshold, double stepMs)
    {
        ArgumentNullException.ThrowIfNull(up);
        ArgumentNullException.ThrowIfNull(down);
        var steps = new double[length];
        foreach (double t in up)
        {
            steps[(int)Math.Round(t / stepMs)] += threshold;
        }

        foreach (double t in down)
        {
            steps[(int)Math.Round(t / stepMs)] -= threshold;
        }

        var value = new double[length];
        double b = start;
        for (int i = 0; i < length; i++)
        {
            b += steps[i];
            value[i] = b;
        }

        return value;
    }

    internal static void Check(double threshold, double stepMs)
    {
        if (!(threshold > 0) || double.IsInfinity(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the threshold must be a finite number > 0");
        }

        CheckStep(stepMs);
    }

    internal static void CheckStep(double stepMs)
    {
        if (!(stepMs > 0) || double.IsInfinity(stepMs))
        {
            throw new ArgumentOutOfRangeException(nameof(stepMs), stepMs, "the sample step must be a finite number > 0 ms");
        }
    }
}
