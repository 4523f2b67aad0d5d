using SpikeCore.Parameters;

namespace SpikeCore.Models.Devices;

/// <summary>
/// The saturating-exponential pulse response of NeuroSim (identical to aihwkit's SoftBoundsPmax with α = 1/A), model
/// name <c>saturating_exponential</c>.
/// </summary>
/// <remarks>
/// <code>
/// G(P) = B (1 − e^(−P/A)) + G_min,   B = (G_max − G_min) / (1 − e^(−P_max/A))
/// one pulse:  G ← G_sat − (G_sat − G) e^(−1/A)   (potentiation, G_sat = G_min + B)
///             G ← G_sat' + (G − G_sat') e^(−1/A) (depression, the mirror curve, G_sat' = G_max − B)
/// </code>
/// so n pulses compose exactly: G_n = G_sat − (G_sat − G_0) e^(−n/A). NeuroSim labels the nonlinearity NL by the
/// normalised curve's largest deviation from a straight line, which is 0.0990 × NL; <see cref="FromNonlinearity(double, int)"/>
/// solves that for A. <see cref="RealDevice"/>: G_max = 10 µS, G_min = 0.476 µS, 31 pulses, NL = 4.22 (A ≈ 7.74).
/// Depression may have its own A and pulse count (NeuroSim's A_LTD, maxNumLevelLTD; TCAD 2018 eqs. 8-10: "A and B may
/// be different in (8) and (9)"). Device-to-device spread scales A.
/// </remarks>
public sealed record SaturatingExponentialDevice : ConductanceDevice
{
    /// <summary>NeuroSim's "RealDevice" (Ag:a-Si): 0.476-10 µS, 31 pulses, NL = ±4.22.</summary>
    public static SaturatingExponentialDevice RealDevice { get; } = FromNonlinearity(4.22);

    /// <summary>A, the pulse scale of the curve (larger: more linear).</summary>
    [Parameter(ParameterCheck.Positive)]
    public double PulseScale { get; init; } = 7.74;

    /// <summary>A of depression (0: the same as <see cref="PulseScale"/>).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double DepressionPulseScale { get; init; }

    /// <summary>Pulses from G_max to G_min (0: the same as <see cref="ConductanceDevice.MaxPulses"/>).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public int DepressionPulses { get; init; }

    /// <inheritdoc/>
    public override string Name => "saturating_exponential";

    /// <inheritdoc/>
    public override int PulsesAcrossRange(bool potentiating) => potentiating || DepressionPulses == 0 ? MaxPulses : DepressionPulses;

    /// <summary>
    /// A device of range [<paramref name="minUs"/>, <paramref name="maxUs"/>] whose potentiation and depression curves
    /// have NeuroSim's nonlinearity labels <paramref name="potentiationNl"/> and |<paramref name="depressionNl"/>| over
    /// their own pulse counts (a label of 0 is the linear device's limit, taken as A = 1000 P).
    /// </summary>
    public static SaturatingExponentialDevice FromNonlinearity(double minUs, double maxUs, double potentiationNl, int potentiationPulses, double depressionNl, int depressionPulses) =>
        new()
        {
            MinConductanceUs = minUs,
            MaxConductanceUs = maxUs,
            MaxPulses = potentiationPulses,
            PulseScale = ScaleFor(potentiationNl, potentiationPulses),
            DepressionPulses = depressionPulses,
            DepressionPulseScale = ScaleFor(Math.Abs(depressionNl), depressionPulses),
        };

    private static double ScaleFor(double nonlinearity, int pulses) =>
        nonlinearity == 0 ? 1000.0 * pulses : FromNonlinearity(nonlinearity, pulses).PulseScale;

    /// <summary>The RealDevice range with the A whose normalised curve deviates from a line by 0.0990 × <paramref name="nonlinearity"/>.</summary>
    public static SaturatingExponentialDevice FromNonlinearity(double nonlinearity, int maxPulses = 31)
    {
        if (!(nonlinearity > 0 && nonlinearity < 10))
        {
            throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "NeuroSim's nonlinearity label must be in (0, 10)");
        }

        // The largest deviation of y(x) = (1 − e^(−ax)) / (1 − e^(−a)) from x grows monotonically with a = P_max / A.
        double target = 0.0990 * nonlinearity, lo = 1e-6, hi = 200;
        for (int k = 0; k < 200; k++)
        {
            double mid = 0.5 * (lo + hi);
            if (LargestDeviation(mid) < target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return new SaturatingExponentialDevice { MaxPulses = maxPulses, PulseScale = maxPulses / (0.5 * (lo + hi)) };
    }

    /// <summary>max over x of (1 − e^(−ax))/(1 − e^(−a)) − x, at x* where the slope is 1.</summary>
    internal static double LargestDeviation(double a)
    {
        double denominator = -double.ExpM1(-a);
        double x = -Math.Log(denominator / a) / a;
        return (-double.ExpM1(-a * x) / denominator) - x;
    }

    /// <inheritdoc/>
    public override double Apply(double conductanceUs, int pulses, double spread = 1)
    {
        bool up = pulses >= 0;
        double a = (up || DepressionPulseScale == 0 ? PulseScale : DepressionPulseScale) * spread;
        double b = RangeUs / -double.ExpM1(-PulsesAcrossRange(up) / a);
        double decay = Math.Exp(-Math.Abs(pulses) / a);
        double g = up
            ? MinConductanceUs + b - (MinConductanceUs + b - conductanceUs) * decay
            : MaxConductanceUs - b + (conductanceUs - (MaxConductanceUs - b)) * decay;
        return Math.Clamp(g, MinConductanceUs, MaxConductanceUs);
    }
}
