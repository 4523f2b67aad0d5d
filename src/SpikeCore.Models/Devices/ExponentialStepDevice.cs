using SpikeCore.Parameters;

namespace SpikeCore.Models.Devices;

/// <summary>
/// Exponential step (Querlioz, Bichler, Dollfus and Gamrat 2013), model name <c>exponential_step</c>: each pulse moves G
/// by a step that shrinks exponentially as G nears the bound it is pushed towards,
/// ΔG+ = δ e^(−β+ (G − G_min)/(G_max − G_min)),  ΔG− = −δ e^(−β− (G_max − G)/(G_max − G_min)),
/// with δ chosen so that P_max pulses take the device from G_min to G_max in the continuum limit
/// (dG/dP = δ e^(−βx) integrates to δ = (G_max − G_min)(e^β − 1)/(β P_max)); discrete pulses land slightly short. Device-to-device spread scales β.
/// </summary>
public sealed record ExponentialStepDevice : ConductanceDevice
{
    /// <summary>β+, how fast potentiation steps shrink towards G_max.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double PotentiationDecay { get; init; } = 3;

    /// <summary>β−, how fast depression steps shrink towards G_min.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double DepressionDecay { get; init; } = 3;

    /// <inheritdoc/>
    public override string Name => "exponential_step";

    /// <inheritdoc/>
    public override double Apply(double conductanceUs, int pulses, double spread = 1)
    {
        double up = PotentiationDecay * spread, down = DepressionDecay * spread, g = conductanceUs;
        double stepUp = Step(up), stepDown = Step(down);
        for (int k = 0; k < Math.Abs(pulses); k++)
        {
            double x = (g - MinConductanceUs) / RangeUs;
            g += pulses > 0 ? stepUp * Math.Exp(-up * x) : -stepDown * Math.Exp(-down * (1 - x));
            g = Math.Clamp(g, MinConductanceUs, MaxConductanceUs);
        }

        return g;

        double Step(double beta) => beta < 1e-9 ? RangeUs / MaxPulses : RangeUs * double.ExpM1(beta) / (MaxPulses * beta);
    }
}
