using System.Numerics;
using System.Runtime.Intrinsics;
using SpikeCore.Models.Numerics;

namespace SpikeCore.Models.Tests.Numerics;

public class FastMathTests
{
    /// <summary>Largest relative error against Math.Exp over <paramref name="points"/> + 1 evenly spaced z in [from, 0].</summary>
    private static double WorstRelativeError(Func<Vector256<double>, Vector256<double>> exp, double from, int points)
    {
        double worst = 0;
        for (int i = 0; i <= points; i++)
        {
            double z = from * i / points;
            double exact = Math.Exp(z);
            worst = Math.Max(worst, Math.Abs(exp(Vector256.Create(z)).GetElement(0) - exact) / exact);
        }

        return worst;
    }

    [Fact]
    public void Vector_exp_matches_math_exp_to_a_few_ulp()
    {
        double worst = WorstRelativeError(FastMath.Exp, -700, 200_000);
        Assert.True(worst < 1e-15, $"worst relative error {worst}");
    }

    /// <summary>Largest relative error of the small-argument exp against Math.Exp of the same argument, over [−1, 0].</summary>
    private static double WorstSmallArgumentError<TL, T>()
        where TL : struct, ILanes<TL, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double worst = 0;
        for (int i = 0; i <= 100_000; i++)
        {
            T z = T.CreateTruncating(-1.0 * i / 100_000);
            double exact = Math.Exp(double.CreateTruncating(z));
            double fast = double.CreateTruncating(FastMath.ExpSmallNonPositive<TL, T>(TL.Create(z))[0]);
            worst = Math.Max(worst, Math.Abs(fast - exact) / exact);
        }

        return worst;
    }

    [Fact]
    public void Small_argument_exp_matches_math_exp_in_double_at_both_widths()
    {
        Assert.InRange(WorstSmallArgumentError<Lanes256<double>, double>(), 1e-17, 4e-15);
        Assert.InRange(WorstSmallArgumentError<Lanes512<double>, double>(), 1e-17, 4e-15);
    }

    [Fact]
    public void Small_argument_exp_in_float_is_within_three_float_ulp()
    {
        // float's ε is 1.2e-7; the polynomial's own error is 1e-8, the rest is float rounding.
        Assert.InRange(WorstSmallArgumentError<Lanes256<float>, float>(), 1e-9, 3 * 1.2e-7);
        Assert.InRange(WorstSmallArgumentError<Lanes512<float>, float>(), 1e-9, 3 * 1.2e-7);
    }

    [Theory]
    [InlineData(709.5)]    // e^z still finite, but n = 1024 wrapped the exponent bits to a wrong finite value before the guard
    [InlineData(709.78)]
    [InlineData(710.0)]    // +∞
    [InlineData(1e6)]
    [InlineData(-705.0)]   // subnormal: was clamped to e^−700
    [InlineData(-746.0)]   // 0
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void Vector_exp_outside_its_fast_domain_equals_math_exp_lane_by_lane(double z)
    {
        var lanes = Vector256.Create(-0.5, z, 3.0, -20.0);
        Vector256<double> e = FastMath.Exp(lanes);
        Assert.Equal(Math.Exp(z), e.GetElement(1));
        Assert.Equal(Math.Exp(-0.5), e.GetElement(0), 1e-15);
        Assert.Equal(Math.Exp(3.0), e.GetElement(2), 1e-13);
    }
}
