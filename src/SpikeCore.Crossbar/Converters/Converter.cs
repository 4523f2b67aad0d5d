namespace SpikeCore.Crossbar.Converters;

/// <summary>
/// A signed, symmetric converter of <see cref="Bits"/> bits over ±<see cref="FullScale"/>: 2^(b−1) − 1 levels each side
/// of zero, values beyond full scale clipped. Used as the DAC of the inputs (unit: fraction of the read voltage) and the
/// ADC of the outputs (unit: the output's own). 0 bits: no quantisation, no clipping, no energy (an ideal converter).
/// </summary>
/// <remarks>
/// Energy per conversion: Walden's figure of merit × 2^b. The defaults (ADC 10 fJ and DAC 1 fJ per conversion step) are
/// orders of magnitude of recent SAR converters in Murmann's ADC Performance Survey (1997-2024), not a circuit model of
/// one design: set them from yours.
/// </remarks>
/// <param name="Bits">Resolution (0: ideal; at most 24).</param>
/// <param name="FullScale">The largest magnitude converted without clipping (&gt; 0).</param>
/// <param name="EnergyPerStepFj">Walden's figure of merit, femtojoules per conversion step.</param>
public sealed record Converter(int Bits, double FullScale = 1, double EnergyPerStepFj = 10)
{
    /// <summary>Levels on each side of zero, 2^(b−1) − 1 (0 for an ideal converter).</summary>
    public long Levels => Bits == 0 ? 0 : (1L << (Bits - 1)) - 1;

    /// <summary>Energy of one conversion (J).</summary>
    public double EnergyPerConversionJ => Bits == 0 ? 0 : EnergyPerStepFj * 1e-15 * Math.Pow(2, Bits);

    /// <summary>The converted value of <paramref name="x"/>, and whether it clipped.</summary>
    public double Convert(double x, out bool clipped)
    {
        clipped = Bits > 0 && Math.Abs(x) > FullScale;
        if (Bits == 0)
        {
            return x;
        }

        double step = FullScale / Levels;
        return Math.Clamp(Math.Round(x / step), -Levels, Levels) * step;
    }

    /// <summary>One problem with the converter, or null.</summary>
    public string? Problem() =>
        Bits is < 0 or > 24 ? $"converter bits must be 0 (ideal) to 24 (got {Bits})"
        : Bits == 1 ? "a signed converter needs at least 2 bits (1 bit has no level but zero)"
        : !(FullScale > 0) || double.IsInfinity(FullScale) ? $"converter full scale must be a finite number > 0 (got {FullScale})"
        : !(EnergyPerStepFj >= 0) || double.IsInfinity(EnergyPerStepFj) ? $"converter energy must be a finite number >= 0 fJ (got {EnergyPerStepFj})"
        : null;
}
