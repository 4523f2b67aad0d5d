namespace SpikeCore.Reservoir.Encoding;

/// <summary>
/// Send-on-delta encoding (Miskowicz 2006; the "temporal contrast" of DVS-style sensors): the reference is the signal
/// at the last spike, and a spike (up or down) is sent whenever the signal has moved by at least δ from it, in as many
/// spikes as whole δ were crossed. The decoder (reference + δ·(ups − downs)) is always within δ of the signal.
/// </summary>
public static class SendOnDeltaEncoder
{
    /// <summary>Up and down spike times (ms) for a signal sampled every <paramref name="stepMs"/>.</summary>
    public static (List<double> Up, List<double> Down) Encode(ReadOnlySpan<float> signal, double delta, double stepMs)
    {
        StepForwardEncoder.Check(delta, stepMs);
        var up = new List<double>();
        var down = new List<double>();
        if (signal.Length == 0)
        {
            return (up, down);
        }

        double reference = signal[0];
        for (int t = 1; t < signal.Length; t++)
        {
            while (signal[t] - reference >= delta)
            {
                up.Add(t * stepMs);
                reference += delta;
            }

            while (reference - signal[t] >= delta)
            {
                down.Add(t * stepMs);
                reference -= delta;
            }
        }

        return (up, down);
    }
}
