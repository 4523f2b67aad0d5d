namespace SpikeCore.Reservoir.Features;

/// <summary>
/// Exponentially filtered spike trains read at given times: r_i(t) = Σ_{spikes t_k ≤ t of neuron i} e^(−(t − t_k)/τ),
/// the state a readout sees in continuous-time reservoir computing (a synaptic current of unit weight per spike).
/// </summary>
public static class SpikeTraces
{
    /// <summary>
    /// r(t) of neurons 0..<paramref name="neurons"/>−1 at each of <paramref name="sampleTimesMs"/> (ascending), from
    /// spikes in time order; result[sample][neuron]. Spikes at exactly a sample time count.
    /// </summary>
    public static double[][] Sample(ReadOnlySpan<double> spikeTimesMs, ReadOnlySpan<int> spikeNeurons, int neurons, IReadOnlyList<double> sampleTimesMs, double tauMs)
    {
        ArgumentNullException.ThrowIfNull(sampleTimesMs);
        if (!(tauMs > 0) || double.IsInfinity(tauMs))
        {
            throw new ArgumentOutOfRangeException(nameof(tauMs), tauMs, "the trace time constant must be a finite number > 0");
        }

        if (spikeTimesMs.Length != spikeNeurons.Length)
        {
            throw new ArgumentException($"{spikeTimesMs.Length} spike times but {spikeNeurons.Length} neuron ids");
        }

        var traces = new double[sampleTimesMs.Count][];
        var value = new double[neurons]; // trace of each neuron at the time of the last sample
        double last = 0;
        int k = 0;
        for (int s = 0; s < traces.Length; s++)
        {
            double t = sampleTimesMs[s];
            if (t < last)
            {
                throw new ArgumentException($"sample times must ascend (sample {s} at {t} ms after {last} ms)", nameof(sampleTimesMs));
            }

            double decay = Math.Exp(-(t - last) / tauMs);
            for (int i = 0; i < neurons; i++)
            {
                value[i] *= decay;
            }

            for (; k < spikeTimesMs.Length && spikeTimesMs[k] <= t; k++)
            {
                value[spikeNeurons[k]] += Math.Exp(-(t - spikeTimesMs[k]) / tauMs);
            }

            traces[s] = (double[])value.Clone();
            last = t;
        }

        return traces;
    }
}
