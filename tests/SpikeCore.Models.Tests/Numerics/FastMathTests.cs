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
}
