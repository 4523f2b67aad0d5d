using SpikeCore.Random;

namespace SpikeCore.Optimization.Oscillators;

/// <summary>
/// The largest Lyapunov exponent of a <see cref="MottOscillator"/> trajectory by Benettin's method for a noisy system:
/// a twin started δ0 away (in units of 1 V and 1 K) sees the same noise; every renormalisation interval the separation
/// d is measured, ln(d/δ0) accumulated and the twin pulled back to δ0 along the separation. λ = Σ ln(d/δ0) / time.
/// The twin takes the reference's hysteresis branch at every step, so the estimate measures the flow's stretching, not
/// the branch switch (a discontinuity that two infinitesimally close copies would cross at different steps).
/// Positive λ: nearby trajectories driven by the same noise diverge (chaos); zero or negative: they stay together
/// (a limit cycle, a fixed point, or noise that synchronises them).
/// </summary>
public static class LyapunovEstimate
{
    /// <summary>λ in 1/µs over <paramref name="durationNs"/> after a <paramref name="transientNs"/> settling time.</summary>
    public static double PerMicrosecond(MottOscillator oscillator, double durationNs, ulong seed, double transientNs = 20_000, double renormaliseEveryNs = 200, double delta0 = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(oscillator);
        oscillator.Validate();
        if (!(durationNs > 0) || !(transientNs >= 0) || !(renormaliseEveryNs >= oscillator.StepNs) || !(delta0 > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(durationNs), "need a duration > 0, a transient >= 0, a renormalisation interval >= the step and δ0 > 0");
        }

        var rng = KeyedRandom.Create(seed, StreamPurpose.LyapunovNoise, 0);
        var a = new MottState(0, oscillator.AmbientK, 1);
        for (long k = 0, n = (long)(transientNs / oscillator.StepNs); k < n; k++)
        {
            a = oscillator.Step(a, rng.NextNormal());
        }

        var b = a with { VoltageV = a.VoltageV + delta0 };
        long every = Math.Max(1, (long)Math.Round(renormaliseEveryNs / oscillator.StepNs)), steps = (long)(durationNs / oscillator.StepNs);
        double sum = 0;
        for (long k = 1; k <= steps; k++)
        {
            double xi = rng.NextNormal();
            b = oscillator.Step(b with { Branch = a.Branch }, xi); // the twin follows the reference's hysteresis branch
            a = oscillator.Step(a, xi);
            if (k % every != 0)
            {
                continue;
            }

            double dv = b.VoltageV - a.VoltageV, dT = b.TemperatureK - a.TemperatureK, d = Math.Sqrt((dv * dv) + (dT * dT));
            if (d == 0)
            {
                d = delta0 * 1e-12; // collapsed onto one trajectory: strongly contracting
                dv = delta0;
                dT = 0;
            }

            sum += Math.Log(d / delta0);
            b = new MottState(a.VoltageV + (dv * delta0 / d), a.TemperatureK + (dT * delta0 / d), a.Branch);
        }

        return sum / (steps * oscillator.StepNs / 1000);
    }
}
