namespace SpikeCore.Recording;

/// <summary>Summary statistics of a spike list.</summary>
public static class SpikeStatistics
{
    /// <summary>
    /// Mean over neurons with at least three spikes of the coefficient of variation of their inter-spike intervals
    /// (near 1 in the asynchronous irregular state, near 0 for regular firing); NaN if no neuron qualifies.
    /// </summary>
    public static double MeanCvIsi(ReadOnlySpan<double> timesMs, ReadOnlySpan<int> neurons, int neuronCount)
    {
        var last = new double[neuronCount];
        var count = new int[neuronCount];
        var sum = new double[neuronCount];
        var sumSq = new double[neuronCount];
        for (int k = 0; k < timesMs.Length; k++)
        {
            int n = neurons[k];
            if (count[n] > 0)
            {
                double isi = timesMs[k] - last[n];
                sum[n] += isi;
                sumSq[n] += isi * isi;
            }

            last[n] = timesMs[k];
            count[n]++;
        }

        double total = 0;
        int used = 0;
        for (int n = 0; n < neuronCount; n++)
        {
            int intervals = count[n] - 1;
            if (intervals < 2)
            {
                continue;
            }

            double mean = sum[n] / intervals;
            double variance = Math.Max(0, sumSq[n] / intervals - mean * mean);
            total += Math.Sqrt(variance) / mean;
            used++;
        }

        return used > 0 ? total / used : double.NaN;
    }
}
