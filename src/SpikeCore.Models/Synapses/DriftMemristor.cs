using SpikeCore.Parameters;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// A non-volatile drift memristor (VTEAM form, Kvatinsky et al. 2015, ON-switching branch only), placed in series
/// with a <see cref="DiffusiveMemristor"/>: state w ∈ [0, 1], R_d(w) = R_off + (R_on − R_off) w, and while a pulse V
/// is applied the voltage across it, V_d = V R_d/(R_d + R_diffusive), programs it:
/// dw/dt = k (V_d/V_on − 1)^α for V_d &gt; V_on, 0 otherwise.
/// </summary>
public sealed record DriftMemristor
{
    /// <summary>R_on (w = 1).</summary>
    [Parameter(ParameterCheck.Positive)]
    public double OnResistanceKohm { get; init; } = 100;

    /// <summary>R_off (w = 0).</summary>
    [Parameter(ParameterCheck.Positive)]
    public double OffResistanceKohm { get; init; } = 1000;

    /// <summary>V_on, the programming threshold.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double ThresholdV { get; init; } = 0.3;

    /// <summary>k, the programming rate.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double RatePerS { get; init; } = 20;

    /// <summary>α, the nonlinearity above threshold.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double Exponent { get; init; } = 3;

    /// <summary>R_d(w).</summary>
    public double ResistanceKohm(double w) => OffResistanceKohm + ((OnResistanceKohm - OffResistanceKohm) * Math.Clamp(w, 0, 1));

    /// <summary>dw/dt (per s) under a pulse <paramref name="pulseV"/> shared with a diffusive device of <paramref name="diffusiveKohm"/>.</summary>
    public double Rate(double pulseV, double diffusiveKohm, double w)
    {
        double rd = ResistanceKohm(w);
        double vd = Math.Abs(pulseV) * rd / (rd + diffusiveKohm);
        return vd > ThresholdV ? RatePerS * Math.Pow((vd / ThresholdV) - 1, Exponent) : 0;
    }
}
