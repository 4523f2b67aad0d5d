using System.Text.Json;
using SpikeCore.Building;
using SpikeCore.Models.Serialization;

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
    public double OnResistanceKohm { get; init; } = 100;

    /// <summary>R_off (w = 0).</summary>
    public double OffResistanceKohm { get; init; } = 1000;

    /// <summary>V_on, the programming threshold.</summary>
    public double ThresholdV { get; init; } = 0.3;

    /// <summary>k, the programming rate.</summary>
    public double RatePerS { get; init; } = 20;

    /// <summary>α, the nonlinearity above threshold.</summary>
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

    internal void Validate(ICollection<string> errors, string path)
    {
        ParameterChecks.Positive(errors, path, "on_resistance_kohm", OnResistanceKohm);
        ParameterChecks.Positive(errors, path, "off_resistance_kohm", OffResistanceKohm);
        ParameterChecks.Positive(errors, path, "threshold_v", ThresholdV);
        ParameterChecks.NonNegative(errors, path, "rate_per_s", RatePerS);
        ParameterChecks.NonNegative(errors, path, "exponent", Exponent);
    }

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("series_drift");
        writer.WriteNumber("on_resistance_kohm", OnResistanceKohm);
        writer.WriteNumber("off_resistance_kohm", OffResistanceKohm);
        writer.WriteNumber("threshold_v", ThresholdV);
        writer.WriteNumber("rate_per_s", RatePerS);
        writer.WriteNumber("exponent", Exponent);
        writer.WriteEndObject();
    }

    internal static DriftMemristor? Read(JsonPathReader parent)
    {
        if (!parent.Has("series_drift"))
        {
            return null;
        }

        JsonPathReader r = parent.Object("series_drift");
        var d = new DriftMemristor();
        var result = new DriftMemristor
        {
            OnResistanceKohm = r.OptionalNumber("on_resistance_kohm", d.OnResistanceKohm),
            OffResistanceKohm = r.OptionalNumber("off_resistance_kohm", d.OffResistanceKohm),
            ThresholdV = r.OptionalNumber("threshold_v", d.ThresholdV),
            RatePerS = r.OptionalNumber("rate_per_s", d.RatePerS),
            Exponent = r.OptionalNumber("exponent", d.Exponent),
        };
        r.RejectUnknownFields();
        return result;
    }
}
