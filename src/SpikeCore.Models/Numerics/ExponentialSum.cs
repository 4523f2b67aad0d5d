using System.Runtime.CompilerServices;

namespace SpikeCore.Models.Numerics;

/// <summary>
/// f(s) = c0 + a e^(−s/τm) + b e^(−s/τ1) + c e^(−s/τ2): the distance to threshold of a LIF membrane with two
/// exponential synaptic currents, s ms after the state it was built from. Finds its first root exactly.
/// </summary>
/// <remarks>
/// <para>Work is done in x = e^(−s/τm) ∈ (0, 1], where f is the sparse polynomial g(x) = c0 + a x + b x^q1 + c x^q2
/// (q = τm/τ) and time runs from x = 1 towards 0: the first crossing is the largest root below 1, and a search needs
/// powers, not <c>exp</c> (Brette 2007 solves the same polynomial).</para>
/// <para>Certificates (after D'Haene et al. 2009): each monomial is monotone and either convex or concave on (0, x],
/// so it lies below x′² scaling (positive, q ≥ 2), its chord through the origin (other convex ones) or its tangent at x
/// (concave ones; negative concave ones may also be dropped). Their sum is a quadratic U ≥ g on (0, x] with
/// U(x) = g(x): no root lies in (x0, x] where x0 is U's largest root below x. At x = 1 this costs a few flops and a
/// square root. On [lo, hi] the monotone monomials bound sup g and sup g′ by their larger end values.</para>
/// <para>Search: certified steps, each to the largest root of the envelope at the point reached. Where the envelope
/// matches g's slope (every monomial exact, a tangent or, for q = 2, exact as a square) a step is a Newton step on
/// an upper bound: it never passes the first root, and converges quadratically onto it. A step that lands on g ≥ 0
/// has found the first root to rounding; one that leaves g within 1e-13 ms of 0 at its slope (its Newton distance, no
/// division), or that moves less than 1e-12 ms, has converged. (Plain Newton steps on g were tried as well, accepted
/// where an interval bound proved they skipped no root: on CUBA that bound failed for 96% of them, each failure cost a
/// second evaluation, and the steps that passed often overshot into a bracket that took bisection and a polish: 12.0
/// evaluations per root against 5.8, and 5.4 with the Newton distance.) A stalled search (a trajectory grazing
/// threshold) ends in interval bisection.</para>
/// </remarks>
internal readonly struct ExponentialSum
{
    private const double TimeToleranceMs = 1e-12;

    /// <summary>A point whose Newton distance to the root is below this is taken as the root (a tenth of the tolerance: 1e-12 let the error reach 1.0e-12 ms).</summary>
    private const double NewtonDistanceMs = 1e-13;

    private readonly double _c0, _a, _b, _c;
    private readonly DecayRates _r;

    public ExponentialSum(double c0, double a, double b, double c, in DecayRates rates)
    {
        _c0 = c0;
        _a = a;
        _b = b;
        _c = c;
        _r = rates;
    }

    /// <summary>f(0).</summary>
    public double ValueAtOrigin => _c0 + _a + _b + _c;

    /// <summary>A time before which f certainly stays below 0 (+∞ if it never reaches 0), assuming f(0) &lt; 0. One log, no exp.</summary>
    public double NoCrossingBeforeMs() => TimeOf(CertifiedBelow(At(1)));

    /// <summary>
    /// <see cref="NoCrossingBeforeMs()"/> if it is below <paramref name="limitMs"/>, else any value ≥ the limit: the log
    /// is skipped when ln(1/x) ≥ 2(1 − x)/(1 + x) already reaches the limit (most inputs to a neuron with a key).
    /// </summary>
    public double NoCrossingBeforeMs(double limitMs)
    {
        double x = CertifiedBelow(At(1));
        if (x <= 0)
        {
            return double.PositiveInfinity;
        }

        double cheap = 2 * (1 - x) / ((1 + x) * _r.RateM);
        return cheap >= limitMs ? cheap : TimeOf(x);
    }

    /// <summary>The first s ≥ 0 with f(s) ≥ 0, or +∞ if there is none.</summary>
    public double FirstRootMs() => FirstRootMs(int.MaxValue, out _);

    /// <summary>
    /// The first s ≥ 0 with f(s) ≥ 0 (<paramref name="exact"/> true; +∞ if there is none), or, when that takes more
    /// than <paramref name="stepBudget"/> steps, the point reached: a time before which f certainly stays below 0.
    /// </summary>
    public double FirstRootMs(int stepBudget, out bool exact)
    {
        exact = true;
        double x = 1;
        Point p = At(1);
        if (p.G >= 0)
        {
            return TimeOf(x);
        }

        for (int step = 0; step < 10_000; step++)
        {
            double certified = CertifiedBelow(p);
            if (certified <= 0)
            {
                return double.PositiveInfinity;
            }

            if (certified >= x)
            {
                return TimeOf(x); // no certified progress: g touches 0 here to rounding
            }

            if (step == stepBudget)
            {
                exact = false;
                return TimeOf(certified);
            }

            Point q = At(certified);
            if (q.G >= 0)
            {
                return TimeOf(certified); // g < 0 on (certified, x] is proved: this is the first root, to rounding
            }

            if (-q.G <= NewtonDistanceMs * -_r.RateM * q.XSlope)
            {
                return TimeOf(certified); // g rises to 0 within 1e-13 ms at its present slope: the step that would land is skipped
            }

            double moved = x - certified;
            (x, p) = (certified, q);
            if (moved <= x * _r.RateM * TimeToleranceMs)
            {
                return TimeOf(x); // converged (the root is within the tolerance below), or a tangential touch
            }
        }

        return GrazingSearch(x, p);
    }

    /// <summary>
    /// The rest of a search whose certified steps stalled (a trajectory grazing threshold: near its maximum the
    /// quadratic envelope only admits steps of about √(gap/curvature)): chunks of doubling width leftwards from
    /// <paramref name="x"/>, each searched by interval bisection (<see cref="LargestRootIn"/>), until a root or x = 0.
    /// </summary>
    private double GrazingSearch(double x, Point p)
    {
        for (double width = Math.Max(x * 1e-9, 1e-300); x > 0; width *= 2)
        {
            double lo = Math.Max(x - width, 0);
            Point q = At(lo);
            if (q.G >= 0 && lo > 0)
            {
                return TimeOf(LargestRootInBracket(lo, q, x, p));
            }

            double root = LargestRootIn(lo, q, x, p, depth: 0);
            if (root > 0)
            {
                return TimeOf(root);
            }

            (x, p) = (lo, q);
        }

        return double.PositiveInfinity;
    }

    /// <summary>f at time <paramref name="s"/> (for tests).</summary>
    public double Value(double s) => At(Math.Exp(-s * _r.RateM)).G;

    /// <inheritdoc/>
    public override string ToString() => $"g(x) = {_c0} + {_a} x + {_b} x^{_r.Q1} + {_c} x^{_r.Q2}";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double TimeOf(double x) => x <= 0 ? double.PositiveInfinity : -Math.Log(x) / _r.RateM;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Point At(double x) => new(x, _a * x, _b * _r.Pow1(x), _c * _r.Pow2(x), _c0, _r);

    /// <summary>
    /// The x0 &lt; x such that g &lt; 0 on (x0, x] is certain (0 if g &lt; 0 on all of (0, x]), from an upper envelope
    /// U(x′) = α + βx′ + γx′² ≥ g on (0, x] that touches g at x: a positive monomial with q ≥ 2 is at most its value
    /// carried as (x′/x)², one with 1 ≤ q &lt; 2 at most its chord through the origin; concave ones (negative with
    /// q ≥ 1, positive with q &lt; 1) at most their tangent at x, or (negative ones) at most 0, whichever certifies more;
    /// negative ones with q &lt; 1 at most their chord. x0 is the largest root of U below x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double CertifiedBelow(in Point p)
    {
        double alpha = _c0, beta = 0, gamma = 0, tangentAlpha = 0, tangentBeta = 0;
        Envelope(p.A, 1, p.X, ref alpha, ref beta, ref gamma, ref tangentAlpha, ref tangentBeta);
        Envelope(p.B, _r.Q1, p.X, ref alpha, ref beta, ref gamma, ref tangentAlpha, ref tangentBeta);
        Envelope(p.C, _r.Q2, p.X, ref alpha, ref beta, ref gamma, ref tangentAlpha, ref tangentBeta);

        // Negative concave terms: as tangents (exact at x) or dropped (better far away, but only usable when the
        // envelope without them is still below 0 at x); both are upper bounds, so the larger certified region wins.
        double withTangents = LargestRootBelow(alpha + tangentAlpha, beta + tangentBeta, gamma, p.X);
        if (tangentAlpha == 0 && tangentBeta == 0 || alpha + beta * p.X + gamma * p.X * p.X >= 0)
        {
            return withTangents;
        }

        return Math.Min(withTangents, LargestRootBelow(alpha, beta, gamma, p.X));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Envelope(double term, double q, double x, ref double alpha, ref double beta, ref double gamma,
        ref double tangentAlpha, ref double tangentBeta)
    {
        if (term > 0)
        {
            if (q >= 2)
            {
                gamma += term / (x * x);
            }
            else if (q >= 1)
            {
                beta += term / x;
            }
            else
            {
                double slope = term * q / x; // concave: tangent at x
                beta += slope;
                alpha += term - slope * x;
            }
        }
        else if (term < 0)
        {
            if (q == 1)
            {
                beta += term / x; // linear: exact
            }
            else if (q > 1)
            {
                double slope = term * q / x;
                tangentBeta += slope;
                tangentAlpha += term - slope * x;
            }
            else
            {
                beta += term / x; // convex: chord through the origin
            }
        }
    }

    /// <summary>The largest root of α + βx′ + γx′² (γ ≥ 0) in (0, x), given the value at x is below 0; 0 if none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LargestRootBelow(double alpha, double beta, double gamma, double x)
    {
        double root;
        if (gamma <= 0)
        {
            if (beta >= 0)
            {
                return 0; // U(x) < 0 and U falls as x′ falls: no root at all
            }

            root = -alpha / beta;
        }
        else
        {
            double discriminant = beta * beta - 4 * gamma * alpha;
            if (discriminant < 0)
            {
                return 0; // cannot happen with U(x) < 0 and γ > 0, except by rounding: U < 0 nowhere crosses
            }

            // Stable roots q/γ and α/q; U < 0 between them and x lies there, so the smaller one is the answer.
            double sq = Math.Sqrt(discriminant);
            double qq = -0.5 * (beta + (beta >= 0 ? sq : -sq));
            double r1 = qq / gamma, r2 = qq != 0 ? alpha / qq : r1;
            root = Math.Min(r1, r2);
        }

        return root > 0 ? Math.Min(root, x) : 0;
    }

    private double IntervalSup(in Point lo, in Point hi) =>
        _c0 + Math.Max(lo.A, hi.A) + Math.Max(lo.B, hi.B) + Math.Max(lo.C, hi.C);

    /// <summary>An upper bound of g′ on [lo, hi] (each monomial's derivative is monotone in x).</summary>
    private double IntervalSlopeSup(in Point lo, in Point hi) =>
        Math.Max(lo.A / lo.X, hi.A / hi.X)
        + Math.Max(_r.Q1 * lo.B / lo.X, _r.Q1 * hi.B / hi.X)
        + Math.Max(_r.Q2 * lo.C / lo.X, _r.Q2 * hi.C / hi.X);

    /// <summary>The largest root in [lo, hi), given g(lo) ≥ 0 &gt; g(hi) and no root above hi.</summary>
    private double LargestRootInBracket(double lo, Point pLo, double hi, Point pHi)
    {
        while (hi - lo > hi * _r.RateM * TimeToleranceMs)
        {
            if (IntervalSlopeSup(pLo, pHi) < 0)
            {
                return Polish(lo, hi, pHi);
            }

            double mid = 0.5 * (lo + hi);
            Point pMid = At(mid);
            if (pMid.G >= 0)
            {
                lo = mid;
                pLo = pMid;
                continue;
            }

            double upper = LargestRootIn(mid, pMid, hi, pHi, depth: 0);
            if (upper > 0)
            {
                return upper;
            }

            hi = mid;
            pHi = pMid;
        }

        return lo;
    }

    /// <summary>The largest root in (lo, hi) when g &lt; 0 at both ends, or 0.</summary>
    private double LargestRootIn(double lo, Point pLo, double hi, Point pHi, int depth)
    {
        if (IntervalSup(pLo, pHi) < 0 || hi - lo <= hi * _r.RateM * TimeToleranceMs || depth > 60)
        {
            return 0;
        }

        double mid = 0.5 * (lo + hi);
        Point pMid = At(mid);
        if (pMid.G >= 0)
        {
            return LargestRootInBracket(mid, pMid, hi, pHi);
        }

        double upper = LargestRootIn(mid, pMid, hi, pHi, depth + 1);
        return upper > 0 ? upper : LargestRootIn(lo, pLo, mid, pMid, depth + 1);
    }

    /// <summary>The root in [lo, hi) where g is strictly decreasing, g(lo) ≥ 0 &gt; g(hi): Newton kept in the bracket.</summary>
    private double Polish(double lo, double hi, Point pHi)
    {
        double x = hi;
        Point p = pHi;
        for (int i = 0; i < 200; i++)
        {
            double next = x - p.G / p.Slope;
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            double moved = Math.Abs(next - x);
            x = next;
            p = At(x);
            if (p.G >= 0)
            {
                lo = x;
            }
            else
            {
                hi = x;
            }

            if (moved <= x * _r.RateM * TimeToleranceMs)
            {
                return x; // Newton has converged: the root is within the tolerance of x
            }

            if (hi - lo <= hi * _r.RateM * TimeToleranceMs)
            {
                break;
            }
        }

        return lo;
    }

    /// <summary>The three terms of g at one x, with g and g′.</summary>
    private readonly struct Point
    {
        public Point(double x, double a, double b, double c, double c0, in DecayRates r)
        {
            X = x;
            A = a;
            B = b;
            C = c;
            G = c0 + a + b + c;
            XSlope = a + r.Q1 * b + r.Q2 * c;
        }

        public double X { get; }

        public double A { get; }

        public double B { get; }

        public double C { get; }

        public double G { get; }

        /// <summary>x dg/dx = −τm dg/ds (no division: the search's Newton distance reads it as is).</summary>
        public double XSlope { get; }

        /// <summary>dg/dx (divided out only where a polish needs it).</summary>
        public double Slope => XSlope / X;
    }
}
