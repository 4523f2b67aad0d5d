namespace SpikeCore.Models.Numerics;

/// <summary>
/// The first time a constant plus two decaying exponentials reaches zero: the threshold crossing of a membrane that relaxes
/// exponentially towards a level while its threshold relaxes with another time constant (an adaptive threshold).
/// </summary>
/// <remarks>
/// <code>
/// f(s) = a + b e^(−s/τ1) + d e^(−s/τ2),   s ≥ 0
/// f′(s) = −(b/τ1) e^(−s/τ1) − (d/τ2) e^(−s/τ2)
/// </code>
/// f′ vanishes at most once, at s* = ln(−d τ1 / (b τ2)) / (1/τ2 − 1/τ1) when that is real and positive, so f is monotone
/// on [0, s*] and on [s*, ∞) and tends to a. The first root is therefore in [0, s*] when f(s*) ≥ 0, else in [s*, ∞) when
/// a &gt; 0, else there is none. Inside a bracket on which f increases, safeguarded Newton (bisection whenever a Newton step
/// leaves the bracket) shrinks it to a few ulps; the answer is the bracket's right end, a time at which f ≥ 0 as evaluated.
/// </remarks>
internal static class ExponentialCrossing
{
    /// <summary>The first s ≥ 0 with f(s) ≥ 0, or +∞ if f stays negative.</summary>
    public static double First(double a, double b, double tau1, double d, double tau2)
    {
        double F(double s) => a + (b * Math.Exp(-s / tau1)) + (d * Math.Exp(-s / tau2));
        if (a + b + d >= 0)
        {
            return 0;
        }

        // a + b e^(−s/τ1) lies between a and a + b, d e^(−s/τ2) between 0 and d.
        if (Math.Max(a, a + b) + Math.Max(d, 0) < 0)
        {
            return double.PositiveInfinity;
        }

        if (NowOrNever(a, d, tau1, tau2))
        {
            return double.PositiveInfinity;
        }

        double lo = 0, turn = Turn(b, tau1, d, tau2);
        if (turn > 0 && double.IsFinite(turn))
        {
            if (F(turn) >= 0)
            {
                return Solve(a, b, tau1, d, tau2, 0, turn);
            }

            lo = turn;
        }

        if (!(a > 0))
        {
            return double.PositiveInfinity;
        }

        double step = Math.Min(tau1, tau2), hi = lo + step; // doubled until f ≥ 0: f → a > 0, and F(∞) = a ends it
        while (F(hi) < 0)
        {
            step *= 2;
            hi = lo + step;
        }

        return Solve(a, b, tau1, d, tau2, lo, hi);
    }

    /// <summary>
    /// Whether f reaches 0 at s = 0 or never: a falling threshold (d ≤ 0) that falls slower than the membrane relaxes
    /// (τ1 ≤ τ2) towards a level at most the threshold (a ≤ 0). Then f′ = e^(−s/τ2) (|d|/τ2 − (b/τ1) e^(−s(1/τ1 − 1/τ2)))
    /// changes sign at most from − to +, so sup f = max(f(0), a).
    /// </summary>
    public static bool NowOrNever(double a, double d, double tau1, double tau2) => d <= 0 && tau1 <= tau2 && a <= 0;

    /// <summary>Where f′ = 0 (NaN or ±∞ when it never is).</summary>
    private static double Turn(double b, double tau1, double d, double tau2) =>
        b == 0 || d == 0 || tau1 == tau2 ? double.NaN : Math.Log(-d * tau1 / (b * tau2)) / ((1 / tau2) - (1 / tau1));

    /// <summary>
    /// The root in [lo, hi] of an f that increases there with f(lo) &lt; 0 ≤ f(hi): Newton (bisection when a step leaves
    /// the bracket) until steps reach a few ulps, then the first double above the bracket's left end at which f ≥ 0.
    /// </summary>
    private static double Solve(double a, double b, double tau1, double d, double tau2, double lo, double hi)
    {
        double x = lo;
        for (int i = 0; i < 100; i++)
        {
            double e1 = b * Math.Exp(-x / tau1), e2 = d * Math.Exp(-x / tau2), f = a + e1 + e2;
            if (f >= 0)
            {
                hi = x;
            }
            else
            {
                lo = x;
            }

            double next = x - (f / (-(e1 / tau1) - (e2 / tau2)));
            if (!(next > lo && next < hi))
            {
                next = lo + ((hi - lo) / 2);
            }

            double ulp = Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);
            if (Math.Abs(next - x) <= 4 * ulp || !(next > lo && next < hi))
            {
                break;
            }

            x = next;
        }

        for (int k = 0; k < 64 && lo < hi; k++)
        {
            lo = Math.BitIncrement(lo);
            if (a + (b * Math.Exp(-lo / tau1)) + (d * Math.Exp(-lo / tau2)) >= 0)
            {
                return lo;
            }
        }

        return hi;
    }
}
