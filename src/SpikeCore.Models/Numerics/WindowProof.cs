using System.Runtime.CompilerServices;

namespace SpikeCore.Models.Numerics;

/// <summary>
/// A proof that a LIF membrane with two exponential synaptic currents stays below threshold over a window of length Δ,
/// from its terms at the window's start: the test the exact windows run on a neuron whose key comes due
/// (<see cref="HorizonProof"/> runs it over many lengths at once).
/// </summary>
/// <remarks>
/// <para>On the window, f(s) = V − θ = c0 + Σ_k t_k e^(−s/τ_k), s ∈ [0, Δ], t_k the terms at its start. Each term is
/// monotone; those with t_k &gt; 0 are convex and lie under their chord; those with t_k &lt; 0 are concave, and with
/// |f_k''| ≤ |t_k|/τ_k² on the window exceed their chord by at most |t_k| Δ²/(8 τ_k²). Chords add, so
/// f ≤ max(f(0), f(Δ)) + (Δ²/8) Σ_{t_k&lt;0} |t_k|/τ_k² on the whole window. Monotonicity alone gives another bound,
/// tighter over long windows whose curvature term grows as Δ²: each term at most its larger end value,
/// f ≤ c0 + Σ_{t_k&gt;0} t_k + Σ_{t_k&lt;0} t_k e^(−Δ/τ_k). U, the smaller of the two, &lt; 0 proves no crossing.</para>
/// <para>Rounding: f(0), f(Δ) and U are chains of fused multiply-adds over at most five terms, each step within a
/// relative 2⁻⁵³ of exact, so the computed U is within 8 ε Σ|terms| of the true bound; a margin of 16 ε (|c0| + Σ|t_k|)
/// added to c0 keeps the proof rigorous.
/// The slack for Δ = 0.1 ms, τ = 5 ms and a term of 10 mV is about 5·10⁻⁴ mV. Cost: about 25 flops and compares with
/// the window's decays precomputed.</para>
/// </remarks>
internal readonly struct WindowProof
{
    /// <summary>16 ε, ε = 2⁻⁵² (the unit roundoff of double's 52-bit fraction, times 2).</summary>
    internal const double RoundingMargin = 16 * 2.220446049250313e-16;

    private readonly double _decayM, _decay1, _decay2, _curveM, _curve1, _curve2;

    /// <summary>The proof for windows of <paramref name="windowMs"/> on a membrane of decay <paramref name="rates"/>.</summary>
    public WindowProof(double windowMs, in DecayRates rates)
    {
        WindowMs = windowMs;
        _decayM = Math.Exp(-windowMs * rates.RateM);
        _decay1 = Math.Exp(-windowMs * rates.Rate1);
        _decay2 = Math.Exp(-windowMs * rates.Rate2);
        double chord = windowMs * windowMs / 8;
        _curveM = chord * rates.RateM * rates.RateM;
        _curve1 = chord * rates.Rate1 * rates.Rate1;
        _curve2 = chord * rates.Rate2 * rates.Rate2;
    }

    /// <summary>Δ.</summary>
    public double WindowMs { get; }

    /// <summary>
    /// The bound U ≥ max over the window of c0 + a e^(−s/τm) + b e^(−s/τ1) + c e^(−s/τ2), rounding margin included:
    /// U &lt; 0 proves the membrane stays below threshold for the whole window.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double UpperBound(double c0, double a, double b, double c) =>
        Bound(c0, a, b, c, 1, 1, 1, _decayM, _decay1, _decay2, _curveM, _curve1, _curve2);

    /// <summary>
    /// Whether the membrane is below <paramref name="level"/> at both ends of the window: a necessary condition for
    /// <see cref="UpperBound"/> to be below it (the bound is never below the trajectory), at a third of its cost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool EndsBelow(double c0, double a, double b, double c, double level) =>
        c0 + a + b + c < level && Fma(c, _decay2, Fma(b, _decay1, Fma(a, _decayM, c0))) < level;

    /// <summary>
    /// <see cref="UpperBound"/> for a register of membranes at once, lane by lane: the same operations in the same order,
    /// so the same value wherever the terms are finite; a lane with a term that is not gets +∞ (no proof).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes UpperBounds<TLanes>(TLanes c0, TLanes a, TLanes b, TLanes c)
        where TLanes : struct, ILanes<TLanes, double>
    {
        var zero = TLanes.Create(0);
        var one = TLanes.Create(1);
        var v0 = c0 + (TLanes.Create(RoundingMargin) * (TLanes.Abs(c0) + TLanes.Abs(a) + TLanes.Abs(b) + TLanes.Abs(c)));
        var (toM, to1, to2) = (TLanes.Create(_decayM), TLanes.Create(_decay1), TLanes.Create(_decay2));
        var start = v0 + a + b + c;
        var end = TLanes.MultiplyAdd(c, to2, TLanes.MultiplyAdd(b, to1, TLanes.MultiplyAdd(a, toM, v0)));
        var bend = TLanes.MultiplyAdd(TLanes.MaxNative(-c, zero), TLanes.Create(_curve2),
            TLanes.MultiplyAdd(TLanes.MaxNative(-b, zero), TLanes.Create(_curve1), TLanes.MaxNative(-a, zero) * TLanes.Create(_curveM)));
        var monotone = TLanes.MultiplyAdd(c, TLanes.Select(TLanes.AtLeast(c, zero), one, to2),
            TLanes.MultiplyAdd(b, TLanes.Select(TLanes.AtLeast(b, zero), one, to1),
            TLanes.MultiplyAdd(a, TLanes.Select(TLanes.AtLeast(a, zero), one, toM), v0)));
        var bound = TLanes.MinNative(TLanes.MaxNative(start, end) + bend, monotone);
        return TLanes.Select(TLanes.Equal(start - start, zero), bound, TLanes.Create(double.PositiveInfinity)); // the native min and max do not carry NaN
    }

    /// <summary>
    /// The bound over one stretch whose terms at its start and end are the terms now (a, b, c) times the decays
    /// <paramref name="fromM"/>.. and <paramref name="toM"/>.., with the curvature factors <paramref name="bendM"/>..
    /// (the decay at the start times length²/(8 τ²)): the smaller of chord-plus-curvature and the monotone bound, with
    /// the rounding margin of the terms now added to c0 first. Every sum is a chain of fused multiply-adds in one order,
    /// which <see cref="HorizonProof"/>'s vector lanes take too (bit for bit); the monotone bound takes each term at the
    /// end where it is larger (its start when it falls, t ≥ 0; its end when it rises). The one definition of the bound.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Bound(double c0, double a, double b, double c, double fromM, double from1, double from2,
        double toM, double to1, double to2, double bendM, double bend1, double bend2)
    {
        double v0 = c0 + MarginOf(c0, a, b, c);
        double start = Fma(c, from2, Fma(b, from1, Fma(a, fromM, v0)));
        double end = Fma(c, to2, Fma(b, to1, Fma(a, toM, v0)));
        double bend = Fma(Math.Max(-c, 0), bend2, Fma(Math.Max(-b, 0), bend1, Math.Max(-a, 0) * bendM));
        double monotone = Fma(c, c >= 0 ? from2 : to2, Fma(b, b >= 0 ? from1 : to1, Fma(a, a >= 0 ? fromM : toM, v0)));
        return Math.Min(Math.Max(start, end) + bend, monotone);
    }

    /// <summary>The rounding margin 16 ε (|c0| + |a| + |b| + |c|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double MarginOf(double c0, double a, double b, double c) => RoundingMargin * (Math.Abs(c0) + Math.Abs(a) + Math.Abs(b) + Math.Abs(c));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Fma(double x, double y, double z) => Math.FusedMultiplyAdd(x, y, z);
}
