namespace SpikeCore.Reservoir.Encoding;

/// <summary>
/// Current-injection encoding: the signal, piecewise constant over each sample, is the input current of a leaky
/// integrate-and-fire neuron, and the neuron's spikes are the code. Dimensionless (threshold 1, reset 0):
/// <c>τ dV/dt = −V + a(t)</c>, <c>a = bias + gain·x</c>; within a sample V(t) = a + (V₀ − a) e^(−t/τ), so a neuron
/// that reaches threshold does so exactly at <c>t* = τ ln((a − V₀)/(a − 1))</c> (no time step). Constant input fires
/// with period <c>t_ref + τ ln(a/(a − 1))</c> for a &gt; 1 and never for a ≤ 1.
/// </summary>
/// <param name="MembraneTauMs">τ.</param>
/// <param name="RefractoryMs">Time held at reset after a spike.</param>
public sealed record LifCurrentEncoder(double MembraneTauMs = 10, double RefractoryMs = 2)
{
    /// <summary>Spike times (ms) for <paramref name="signal"/> sampled every <paramref name="stepMs"/>, drive a = bias + gain·x, from V = 0.</summary>
    public List<double> Encode(ReadOnlySpan<double> signal, double gain, double bias, double stepMs)
    {
        StepForwardEncoder.CheckStep(stepMs);
        if (!(MembraneTauMs > 0) || !(RefractoryMs >= 0) || !double.IsFinite(MembraneTauMs + RefractoryMs + gain + bias))
        {
            throw new ArgumentOutOfRangeException(nameof(gain), $"need τ > 0, refractory >= 0 and finite gain and bias (got τ {MembraneTauMs}, refractory {RefractoryMs}, gain {gain}, bias {bias})");
        }

        var spikes = new List<double>();
        double v = 0, freeAt = 0; // V at time 'now'; refractory until freeAt
        for (int i = 0; i < signal.Length; i++)
        {
            double a = bias + (gain * signal[i]);
            if (!double.IsFinite(a))
            {
                throw new ArgumentException($"sample {i}: drive is {a}", nameof(signal));
            }

            double now = Math.Max(i * stepMs, freeAt), end = (i + 1) * stepMs;
            while (now < end)
            {
                if (a <= 1 || v >= a)
                {
                    v = a + ((v - a) * Math.Exp(-(end - now) / MembraneTauMs));
                    break;
                }

                double crossing = now + (MembraneTauMs * Math.Log((a - v) / (a - 1)));
                if (crossing >= end)
                {
                    v = a + ((v - a) * Math.Exp(-(end - now) / MembraneTauMs));
                    break;
                }

                spikes.Add(crossing);
                v = 0;
                now = freeAt = crossing + RefractoryMs;
            }
        }

        return spikes;
    }

    /// <summary>Firing rate (Hz) for a constant drive <paramref name="drive"/> (the f-I curve).</summary>
    public double RateHz(double drive) => drive <= 1 ? 0 : 1000 / (RefractoryMs + (MembraneTauMs * Math.Log(drive / (drive - 1))));
}
