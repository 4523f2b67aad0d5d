using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SpikeCore.Models.Numerics;

namespace SpikeCore.Models.Neurons.Channels;

/// <summary>Opening (α) and closing (β) rates, per ms, of the m, h and n gates at membrane potential V (mV).</summary>
/// <remarks>A static-abstract contract, so the stepping loop is specialised per channel set (no call per neuron).</remarks>
internal interface IGateKinetics
{
    /// <summary>The six rates at <paramref name="v"/>; <paramref name="shift"/> is the model's voltage offset (Traub-Miles V_T).</summary>
    static abstract GateRates Rates(Vector256<double> v, Vector256<double> shift);
}

/// <summary>The six rates of one vector of neurons.</summary>
internal readonly record struct GateRates(
    Vector256<double> AlphaM, Vector256<double> BetaM,
    Vector256<double> AlphaH, Vector256<double> BetaH,
    Vector256<double> AlphaN, Vector256<double> BetaN);

/// <summary>Shared pieces of the rate functions.</summary>
internal static class GateMath
{
    /// <summary>
    /// u / (1 − e^(−u)), the form every "x / (1 − exp(−x/k))" rate takes, with its removable singularity at u = 0
    /// replaced by the series 1 + u/2 + u²/12 for |u| &lt; 1e-4 (error below 1e-17).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> RatioToOneMinusExp(Vector256<double> u) => RatioToOneMinus(u, Exp(-u));

    /// <summary><see cref="RatioToOneMinusExp"/> with e^(−u) given (<paramref name="expMinusU"/>, computed from another rate's exponential).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> RatioToOneMinus(Vector256<double> u, Vector256<double> expMinusU)
    {
        Vector256<double> direct = u / (Vector256.Create(1.0) - expMinusU);
        Vector256<double> series = Vector256.Create(1.0) + u * (Vector256.Create(0.5) + u * Vector256.Create(1.0 / 12));
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(u), Vector256.Create(1e-4)), series, direct);
    }

    /// <summary>
    /// Every gate exponent is within (|V| + 65)/4 of 0 (Traub-Miles: of V − V_T), so with it clamped to
    /// ±<see cref="VoltageLimitMv"/> all of them are inside the fast exp's domain [−700, 709]: one clamp per vector
    /// instead of a domain check per exp (which cost COBAHH about 10%). Rates at |V| &gt; 2.5 V mean nothing; such a
    /// state is reported as it diverges.
    /// </summary>
    public const double VoltageLimitMv = 2500;

    /// <summary>V clamped to ±<see cref="VoltageLimitMv"/> (NaN stays NaN: the native min/max return their second operand then).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ClampVoltage(Vector256<double> v) =>
        Vector256.MinNative(Vector256.Create(VoltageLimitMv), Vector256.MaxNative(Vector256.Create(-VoltageLimitMv), v));

    /// <summary>e^z for a gate exponent of a clamped voltage, inlined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> z) => FastMath.ExpWithinDomain(z);
}

/// <summary>
/// Hodgkin and Huxley 1952 squid-axon gates (rest −65 mV convention), V in mV:
/// α_m = 0.1(V+40)/(1−e^(−(V+40)/10)), β_m = 4e^(−(V+65)/18), α_h = 0.07e^(−(V+65)/20), β_h = 1/(1+e^(−(V+35)/10)),
/// α_n = 0.01(V+55)/(1−e^(−(V+55)/10)), β_n = 0.125e^(−(V+65)/80).
/// </summary>
internal readonly struct SquidKinetics : IGateKinetics
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GateRates Rates(Vector256<double> v, Vector256<double> shift)
    {
        v = GateMath.ClampVoltage(v);
        Vector256<double> one = Vector256.Create(1.0);

        // Three rates share one exponential: e^(−(V+40)/10) is α_m's, e^(1/2) times it β_h's e^(−(V+35)/10), and e^(−3/2)
        // times it α_n's e^(−(V+55)/10).
        Vector256<double> x = (v + Vector256.Create(40.0)) * Vector256.Create(0.1), e40 = GateMath.Exp(-x);
        return new GateRates(
            GateMath.RatioToOneMinus(x, e40),
            Vector256.Create(4.0) * GateMath.Exp((v + Vector256.Create(65.0)) * Vector256.Create(-1.0 / 18)),
            Vector256.Create(0.07) * GateMath.Exp((v + Vector256.Create(65.0)) * Vector256.Create(-0.05)),
            one / (one + (e40 * Vector256.Create(Math.Exp(0.5)))),
            Vector256.Create(0.1) * GateMath.RatioToOneMinus((v + Vector256.Create(55.0)) * Vector256.Create(0.1), e40 * Vector256.Create(Math.Exp(-1.5))),
            Vector256.Create(0.125) * GateMath.Exp((v + Vector256.Create(65.0)) * Vector256.Create(-1.0 / 80)));
    }
}

/// <summary>
/// Traub and Miles 1991 gates as used by Brette et al. 2007 (COBAHH), with u = V − V_T (mV):
/// α_m = 0.32(13−u)/(e^((13−u)/4)−1), β_m = 0.28(u−40)/(e^((u−40)/5)−1), α_h = 0.128e^((17−u)/18),
/// β_h = 4/(1+e^((40−u)/5)), α_n = 0.032(15−u)/(e^((15−u)/5)−1), β_n = 0.5e^((10−u)/40).
/// </summary>
internal readonly struct TraubMilesKinetics : IGateKinetics
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GateRates Rates(Vector256<double> v, Vector256<double> shift)
    {
        Vector256<double> u = GateMath.ClampVoltage(v - shift);
        Vector256<double> one = Vector256.Create(1.0);

        // c(a − u)/(e^((a − u)/k) − 1) = c k · RatioToOneMinusExp((u − a)/k). Three rates share one exponential:
        // e^((40 − u)/5) is β_h's, its reciprocal β_m's, and e^(−5) times it α_n's e^((15 − u)/5).
        Vector256<double> e40 = GateMath.Exp((Vector256.Create(40.0) - u) * Vector256.Create(0.2));
        return new GateRates(
            Vector256.Create(0.32 * 4) * GateMath.RatioToOneMinusExp((u - Vector256.Create(13.0)) * Vector256.Create(0.25)),
            Vector256.Create(0.28 * 5) * GateMath.RatioToOneMinus((Vector256.Create(40.0) - u) * Vector256.Create(0.2), one / e40),
            Vector256.Create(0.128) * GateMath.Exp((Vector256.Create(17.0) - u) * Vector256.Create(1.0 / 18)),
            Vector256.Create(4.0) / (one + e40),
            Vector256.Create(0.032 * 5) * GateMath.RatioToOneMinus((u - Vector256.Create(15.0)) * Vector256.Create(0.2), e40 * Vector256.Create(Math.Exp(-5))),
            Vector256.Create(0.5) * GateMath.Exp((Vector256.Create(10.0) - u) * Vector256.Create(1.0 / 40)));
    }
}
