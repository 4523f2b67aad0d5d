using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpikeCore.Models.Numerics;

/// <summary>
/// A proof that a LIF membrane with two exponential synaptic currents stays below threshold over a window of length Δ,
/// from its terms at the window's start: the test the exact-window scheme runs on every neuron that receives no input
/// (ARCHITECTURE.md, "Next design step for throughput").
/// </summary>
/// <remarks>
/// <para>On the window, f(s) = V − θ = c0 + Σ_k t_k e^(−s/τ_k), s ∈ [0, Δ], t_k the terms at its start. Each term is
/// monotone; those with t_k &gt; 0 are convex and lie under their chord; those with t_k &lt; 0 are concave, and with
/// |f_k''| ≤ |t_k|/τ_k² on the window exceed their chord by at most |t_k| Δ²/(8 τ_k²). Chords add, so
/// f ≤ max(f(0), f(Δ)) + (Δ²/8) Σ_{t_k&lt;0} |t_k|/τ_k² =: U on the whole window: U &lt; 0 proves no crossing.</para>
/// <para>Rounding: f(0), f(Δ) and U are sums of at most five terms, each within a relative 2⁻⁵² of exact, so the
/// computed U is within 8 ε Σ|terms| of the true bound; a margin of 16 ε (|c0| + Σ|t_k|) keeps the proof rigorous.
/// The slack for Δ = 0.1 ms, τ = 5 ms and a term of 10 mV is about 5·10⁻⁴ mV. Cost: 4 multiplies, ~12 adds and
/// compares per neuron with the window's decays precomputed: vectorisable over a population.</para>
/// </remarks>
internal readonly struct WindowProof
{
    /// <summary>16 ε, ε = 2⁻⁵² (the unit roundoff of double's 52-bit fraction, times 2).</summary>
    private const double RoundingMargin = 16 * 2.220446049250313e-16;

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
    public double UpperBound(double c0, double a, double b, double c)
    {
        double start = c0 + a + b + c;
        double end = c0 + (a * _decayM) + (b * _decay1) + (c * _decay2);
        double curvature = (Math.Max(-a, 0) * _curveM) + (Math.Max(-b, 0) * _curve1) + (Math.Max(-c, 0) * _curve2);
        double margin = RoundingMargin * (Math.Abs(c0) + Math.Abs(a) + Math.Abs(b) + Math.Abs(c));
        return Math.Max(start, end) + curvature + margin;
    }

    /// <summary>
    /// Proves a whole population's window at once: for neuron j with terms <paramref name="a"/>[j],
    /// <paramref name="b"/>[j], <paramref name="c"/>[j] and offset <paramref name="c0"/>, marks
    /// <paramref name="uncertain"/>[j] when <see cref="UpperBound"/> is not below 0; returns how many are marked.
    /// Vector512 where the CPU has AVX-512, else Vector256/Vector&lt;double&gt;, scalar tail; the same bound bit for bit.
    /// </summary>
    public int Sweep(double c0, ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, Span<bool> uncertain)
    {
        int n = a.Length, j = 0, count = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var v0 = Vector512.Create(c0);
            var (dm, d1, d2) = (Vector512.Create(_decayM), Vector512.Create(_decay1), Vector512.Create(_decay2));
            var (km, k1, k2) = (Vector512.Create(_curveM), Vector512.Create(_curve1), Vector512.Create(_curve2));
            var margin = Vector512.Create(RoundingMargin);
            for (; j <= n - Vector512<double>.Count; j += Vector512<double>.Count)
            {
                var va = Vector512.Create(a.Slice(j, Vector512<double>.Count));
                var vb = Vector512.Create(b.Slice(j, Vector512<double>.Count));
                var vc = Vector512.Create(c.Slice(j, Vector512<double>.Count));
                var start = v0 + va + vb + vc;
                var end = v0 + (va * dm) + (vb * d1) + (vc * d2);
                var curvature = (Vector512.Max(-va, Vector512<double>.Zero) * km) + (Vector512.Max(-vb, Vector512<double>.Zero) * k1) + (Vector512.Max(-vc, Vector512<double>.Zero) * k2);
                var bound = Vector512.Max(start, end) + curvature + (margin * (Vector512.Abs(v0) + Vector512.Abs(va) + Vector512.Abs(vb) + Vector512.Abs(vc)));
                ulong mask = Vector512.GreaterThanOrEqual(bound, Vector512<double>.Zero).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    int lane = BitOperations.TrailingZeroCount(mask);
                    uncertain[j + lane] = true;
                    count++;
                    mask &= mask - 1;
                }
            }
        }

        for (; j < n; j++)
        {
            if (UpperBound(c0, a[j], b[j], c[j]) >= 0)
            {
                uncertain[j] = true;
                count++;
            }
        }

        return count;
    }
}
