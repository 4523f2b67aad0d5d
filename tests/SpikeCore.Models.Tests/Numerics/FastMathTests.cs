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
