using SpikeCore.Parameters;

namespace SpikeCore.Models.Devices;

/// <summary>
/// Power-law step (Fusi and Abbott 2007; aihwkit PowStep), model name <c>power_step</c>: with ω = (G_max − G)/(G_max − G_min)
/// the distance to the top, one pulse moves G by δ ω^γ+ up or −δ (1 − ω)^γ− down, δ = (G_max − G_min)/P_max scaled
/// by the device's spread. γ = 0 is the linear device, γ = 1 the soft-bounds device.
/// </summary>
public sealed record PowerStepDevice : ConductanceDevice
{
    /// <summary>γ+, the exponent of potentiation.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double PotentiationExponent { get; init; } = 1;

    /// <summary>γ−, the exponent of depression.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double DepressionExponent { get; init; } = 1;

    /// <inheritdoc/>
    public override string Name => "power_step";

    /// <inheritdoc/>
    public override double Apply(double conductanceUs, int pulses, double spread = 1)
    {
        double delta = spread * RangeUs / MaxPulses, g = conductanceUs;
        for (int k = 0; k < Math.Abs(pulses); k++)
        {
            double omega = Math.Clamp((MaxConductanceUs - g) / RangeUs, 0, 1);
            g += pulses > 0 ? delta * Math.Pow(omega, PotentiationExponent) : -delta * Math.Pow(1 - omega, DepressionExponent);
            g = Math.Clamp(g, MinConductanceUs, MaxConductanceUs);
        }

        return g;
    }
}
