using System.Runtime.Intrinsics;
using SpikeCore.Models.Numerics;

namespace SpikeCore.Models.Tests.Numerics;

public class FastMathTests
{
    [Fact]
    public void Vector_exp_matches_math_exp_to_a_few_ulp()
    {
        double worst = 0;
        for (int i = 0; i <= 200_000; i++)
        {
            double z = -700.0 * i / 200_000;
            double fast = FastMath.ExpNonPositive(Vector256.Create(z)).GetElement(0);
            double exact = Math.Exp(z);
            worst = Math.Max(worst, Math.Abs(fast - exact) / exact);
        }

        Assert.True(worst < 1e-15, $"worst relative error {worst}");
    }

    [Fact]
    public void Small_argument_exp_matches_math_exp_and_falls_back_outside()
    {
        double worst = 0;
        for (int i = 0; i <= 100_000; i++)
        {
            double z = -1.0 * i / 100_000;
            double fast = FastMath.ExpSmallNonPositive(Vector256.Create(z)).GetElement(0);
            worst = Math.Max(worst, Math.Abs(fast - Math.Exp(z)) / Math.Exp(z));
        }

        Assert.True(worst < 4e-15, $"worst relative error {worst}");
        var mixed = FastMath.ExpSmallNonPositive(Vector256.Create(-0.5, -3.0, -20.0, 0.0));
        Assert.Equal(Math.Exp(-20.0), mixed.GetElement(2), 1e-20);
        Assert.Equal(Math.Exp(-3.0), mixed.GetElement(1), 1e-15);
    }
}
