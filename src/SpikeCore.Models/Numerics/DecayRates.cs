using System.Runtime.CompilerServices;

namespace SpikeCore.Models.Numerics;

/// <summary>
/// The decay rates 1/τm, 1/τ1, 1/τ2 of a membrane with two synaptic time constants, and the exponents
/// q = τm/τ that write the synaptic decays as powers of the membrane's: e^(−s/τ) = x^q with x = e^(−s/τm).
/// </summary>
/// <remarks>
/// When q is a small integer (CUBA: τm = 20, τe = 5, τi = 10 gives q = 4 and 2) the powers are a few multiplications,
/// so one <c>exp</c> serves all three decays and threshold searches in x need no transcendental function at all.
/// </remarks>
internal readonly struct DecayRates
{
    public DecayRates(double tauMembraneMs, double tau1Ms, double tau2Ms)
    {
        RateM = 1.0 / tauMembraneMs;
        Rate1 = 1.0 / tau1Ms;
        Rate2 = 1.0 / tau2Ms;
        Q1 = tauMembraneMs / tau1Ms;
        Q2 = tauMembraneMs / tau2Ms;
        Power1 = IntegerRatio(Q1);
        Power2 = IntegerRatio(Q2);
    }

    public double RateM { get; }

    public double Rate1 { get; }

    public double Rate2 { get; }

    /// <summary>τm/τ1.</summary>
    public double Q1 { get; }

    /// <summary>τm/τ2.</summary>
    public double Q2 { get; }

    private int Power1 { get; }

    private int Power2 { get; }

    /// <summary>e^(−s/τm), e^(−s/τ1), e^(−s/τ2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Decays(double s, out double xm, out double x1, out double x2)
    {
        xm = Math.Exp(-s * RateM);
        x1 = Pow1(xm);
        x2 = Pow2(xm);
    }

    /// <summary>x^(τm/τ1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Pow1(double x) => Power1 > 0 ? IntPow(x, Power1) : Math.Pow(x, Q1);

    /// <summary>x^(τm/τ2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Pow2(double x) => Power2 > 0 ? IntPow(x, Power2) : Math.Pow(x, Q2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double IntPow(double x, int n)
    {
        double result = 1;
        while (n > 0)
        {
            if ((n & 1) != 0)
            {
                result *= x;
            }

            x *= x;
            n >>= 1;
        }

        return result;
    }

    private static int IntegerRatio(double ratio)
    {
        double n = Math.Round(ratio);
        return n >= 1 && n <= 16 && Math.Abs(ratio - n) <= 1e-12 * n ? (int)n : 0;
    }
}
