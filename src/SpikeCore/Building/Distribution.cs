using SpikeCore.Random;

namespace SpikeCore.Building;

/// <summary>How a per-synapse or per-neuron value (weight, delay, initial state) is drawn.</summary>
public enum DistributionKind
{
    /// <summary>Every value equals <see cref="Distribution.A"/>.</summary>
    Constant,

    /// <summary>Uniform on [<see cref="Distribution.A"/>, <see cref="Distribution.B"/>).</summary>
    Uniform,

    /// <summary>Normal with mean <see cref="Distribution.A"/> and standard deviation <see cref="Distribution.B"/>.</summary>
    Normal,

    /// <summary>Value i is <see cref="Distribution.Values"/>[i] (one per synapse or neuron, in generation order).</summary>
    Values,
}

/// <summary>An immutable description of how values are drawn; sampling is seeded by the caller's stream.</summary>
public sealed class Distribution
{
    private Distribution(DistributionKind kind, double a, double b, double[]? values)
    {
        Kind = kind;
        A = a;
        B = b;
        Values = values;
    }

    /// <summary>The family.</summary>
    public DistributionKind Kind { get; }

    /// <summary>Constant value, lower bound (uniform) or mean (normal).</summary>
    public double A { get; }

    /// <summary>Upper bound (uniform) or standard deviation (normal).</summary>
    public double B { get; }

    /// <summary>Explicit values for <see cref="DistributionKind.Values"/>.</summary>
    public IReadOnlyList<double>? Values { get; }

    /// <summary>Every value equals <paramref name="value"/>.</summary>
    public static Distribution Constant(double value) => new(DistributionKind.Constant, value, 0, null);

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Distribution Uniform(double low, double high) => new(DistributionKind.Uniform, low, high, null);

    /// <summary>Normal with the given mean and standard deviation.</summary>
    public static Distribution Normal(double mean, double sd) => new(DistributionKind.Normal, mean, sd, null);

    /// <summary>One explicit value per item, in generation order.</summary>
    public static Distribution FromValues(IEnumerable<double> values) =>
        new(DistributionKind.Values, 0, 0, values.ToArray());

    /// <summary>Implicit conversion so that a plain number means a constant.</summary>
    public static implicit operator Distribution(double value) => Constant(value);

    /// <summary>Same as the implicit conversion.</summary>
    public static Distribution FromDouble(double value) => Constant(value);

    /// <summary>Smallest value this distribution can produce (−∞ for the normal).</summary>
    internal double Minimum => Kind switch
    {
        DistributionKind.Constant => A,
        DistributionKind.Uniform => A,
        DistributionKind.Normal => B == 0 ? A : double.NegativeInfinity,
        _ => Values!.Count == 0 ? 0 : Values.Min(),
    };

    /// <summary>Largest value this distribution can produce (+∞ for the normal).</summary>
    internal double Maximum => Kind switch
    {
        DistributionKind.Constant => A,
        DistributionKind.Uniform => B,
        DistributionKind.Normal => B == 0 ? A : double.PositiveInfinity,
        _ => Values!.Count == 0 ? 0 : Values.Max(),
    };

    /// <summary>
    /// How far a normal draw can reach, in standard deviations: the polar method on 53-bit uniforms gives at most
    /// √(−2 ln 2^−104) ≈ 12.01 sd (at s = u² + v² = 2^−104 with |u| = √s), so 13 bounds every draw.
    /// </summary>
    private const double NormalReachSd = 13;

    /// <summary>No draw is ever below this (for the normal: mean − 13 sd).</summary>
    internal double LowestDraw => Kind == DistributionKind.Normal ? A - (NormalReachSd * B) : Minimum;

    /// <summary>No draw is ever above this (for the normal: mean + 13 sd).</summary>
    internal double HighestDraw => Kind == DistributionKind.Normal ? A + (NormalReachSd * B) : Maximum;

    internal bool IsConstant => Kind == DistributionKind.Constant || (Kind == DistributionKind.Normal && B == 0);

    /// <summary>Draws value number <paramref name="index"/>.</summary>
    internal double Sample(ref KeyedRandom rng, long index) => Kind switch
    {
        DistributionKind.Constant => A,
        DistributionKind.Uniform => A + (B - A) * rng.NextDouble(),
        DistributionKind.Normal => A + B * rng.NextNormal(),
        _ => Values![(int)index],
    };

    /// <summary>Adds to <paramref name="errors"/> every reason why this distribution is invalid.</summary>
    internal void Validate(ICollection<string> errors, string path, bool mustBePositive, bool mustBeNonNegative)
    {
        bool bad(double x) => double.IsNaN(x) || double.IsInfinity(x);
        switch (Kind)
        {
            case DistributionKind.Constant:
                if (bad(A))
                {
                    errors.Add($"{path}: must be a finite number (got {A})");
                }

                break;
            case DistributionKind.Uniform:
                if (bad(A) || bad(B) || !(B >= A))
                {
                    errors.Add($"{path}: uniform bounds must be finite with high >= low (got [{A}, {B}])");
                }

                break;
            case DistributionKind.Normal:
                if (bad(A) || bad(B) || B < 0)
                {
                    errors.Add($"{path}: normal needs a finite mean and a finite sd >= 0 (got mean {A}, sd {B})");
                }

                break;
            default:
                if (Values!.Any(bad))
                {
                    errors.Add($"{path}: values must all be finite numbers");
                }

                break;
        }

        if (Kind != DistributionKind.Normal || B == 0)
        {
            if (mustBePositive && !(Minimum > 0))
            {
                errors.Add($"{path}: must be > 0 (smallest value {Minimum})");
            }
            else if (mustBeNonNegative && !(Minimum >= 0))
            {
                errors.Add($"{path}: must be >= 0 (smallest value {Minimum})");
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        DistributionKind.Constant => A.ToString("R"),
        DistributionKind.Uniform => $"uniform({A}, {B})",
        DistributionKind.Normal => $"normal({A}, {B})",
        _ => $"values[{Values!.Count}]",
    };
}
