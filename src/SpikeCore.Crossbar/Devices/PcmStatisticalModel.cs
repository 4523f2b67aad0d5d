using SpikeCore.Random;

namespace SpikeCore.Crossbar.Devices;

/// <summary>
/// The statistical model of phase-change memory for inference, calibrated on a million-device chip (Joshi et al., Nat.
/// Commun. 11, 2473, 2020; Nandakumar et al., ICECS 2019), as aihwkit's <c>PCMLikeNoiseModel</c> states it: programming
/// noise, conductance drift and accumulated 1/f read noise, all depending on the target conductance.
/// </summary>
/// <remarks>
/// <code>
/// ĝ = g_T / g_max                                            (g_max = 25 µS, the calibration's)
/// programming:  g_P = max(g_T + σ_P ξ, 0),  σ_P = max(−1.1731 ĝ² + 1.9650 ĝ + 0.26348, 0) µS · g_max / 25
/// drift:        ν = |μ_ν + σ_ν ξ'|,  μ_ν = clip(−0.0155 ln ĝ + 0.0244, 0.049, 0.1),  σ_ν = clip(−0.0125 ln ĝ − 0.0059, 0.008, 0.045)
///               g(t) = g_P ((t + t0)/t0)^(−ν),  t0 = 20 s, t counted from the end of programming
/// read noise:   g_read = max(g(t) + |g(t)| Q_s √ln((t + t0 + t_r)/(2 t_r)) ξ'', 0),  Q_s = min(0.0088 / max(ĝ_P^0.65, 1e-3), 0.2),  t_r = 250 ns
/// </code>
/// Every draw comes from the caller's keyed stream, one per device, so results do not depend on threads.
/// </remarks>
public sealed record PcmStatisticalModel
{
    /// <summary>The calibration's maximal conductance g_max.</summary>
    public double MaxConductanceUs { get; init; } = 25;

    /// <summary>t0, the first read after programming, the drift law's reference time.</summary>
    public double ReferenceTimeS { get; init; } = 20;

    /// <summary>t_r, the read time of the 1/f noise fit.</summary>
    public double ReadTimeS { get; init; } = 250e-9;

    /// <summary>σ_P, the standard deviation of programming to <paramref name="targetUs"/> (µS).</summary>
    public double ProgrammingSigmaUs(double targetUs)
    {
        double g = targetUs / MaxConductanceUs;
        return Math.Max((-1.1731 * g * g) + (1.9650 * g) + 0.26348, 0) * MaxConductanceUs / 25;
    }

    /// <summary>The mean μ_ν and spread σ_ν of the drift exponent of a device programmed to <paramref name="targetUs"/>.</summary>
    public (double Mean, double Sigma) DriftExponent(double targetUs)
    {
        double log = Math.Log(Math.Max(Math.Abs(targetUs / MaxConductanceUs), 1e-7));
        return (Math.Clamp((-0.0155 * log) + 0.0244, 0.049, 0.1), Math.Clamp((-0.0125 * log) - 0.0059, 0.008, 0.045));
    }

    /// <summary>A programmed conductance: the target plus programming noise, never negative.</summary>
    public double Program(double targetUs, ref KeyedRandom rng) => Math.Max(targetUs + (ProgrammingSigmaUs(targetUs) * rng.NextNormal()), 0);

    /// <summary>A device's drift exponent ν, drawn for its target.</summary>
    public double DrawDriftExponent(double targetUs, ref KeyedRandom rng)
    {
        (double mean, double sigma) = DriftExponent(targetUs);
        return Math.Abs(mean + (sigma * rng.NextNormal()));
    }

    /// <summary>g(t)/g_P, <paramref name="seconds"/> after programming, for drift exponent <paramref name="nu"/>.</summary>
    public double DriftFactor(double seconds, double nu) => seconds > 0 ? Math.Pow((seconds + ReferenceTimeS) / ReferenceTimeS, -nu) : 1;

    /// <summary>The relative 1/f noise σ of a read <paramref name="seconds"/> after programming a device to <paramref name="programmedUs"/>.</summary>
    public double ReadNoiseRelativeSigma(double programmedUs, double seconds)
    {
        double q = Math.Min(0.0088 / Math.Max(Math.Pow(Math.Abs(programmedUs) / MaxConductanceUs, 0.65), 1e-3), 0.2);
        double t = seconds + ReferenceTimeS;
        return q * Math.Sqrt(Math.Log((t + ReadTimeS) / (2 * ReadTimeS)));
    }
}
