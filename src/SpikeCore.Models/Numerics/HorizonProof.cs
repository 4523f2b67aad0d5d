using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpikeCore.Models.Numerics;

/// <summary>
/// How long a LIF membrane's present trajectory certainly stays below threshold: the window proof
/// (<see cref="WindowProof"/>) over the dyadic pieces [0, Δ], [Δ, 2Δ], [2Δ, 4Δ], ..., [2^14 Δ, 2^15 Δ] at once, one
/// lane per piece in two Vector512 where the CPU has AVX-512. The trajectory is safe over [0, 2^i Δ] when pieces 0..i are.
/// </summary>
/// <remarks>
/// <para>Piece k = [s0, s1] is proved from the terms at its own start, t_k e^(−s0/τ_k): a term that falls (a synaptic
/// current) counts there at the size it has decayed to, not at its size now, so a key can reach far beyond the first
/// milliseconds in which the currents dominate; over [0, 2^i Δ] as one interval, the chord's curvature term (growing
/// as its length squared) or the currents' present sizes would stop it after a few milliseconds.</para>
/// <para>Each piece's bound is <see cref="WindowProof.UpperBound"/>'s with the piece's decays: the larger end value plus
/// the curvature of the rising terms, or the sum of each term's larger end value, whichever is smaller, plus 16 ε
/// (|c0| + Σ|t_k|) for rounding (the terms at s0 are no larger than those at 0). <see cref="PieceBound"/> is the same
/// bound, scalar, bit for bit.</para>
/// </remarks>
internal sealed class HorizonProof
{
    /// <summary>Pieces, and horizons: [0, 2^i Δ] for i &lt; 16.</summary>
    public const int Count = 16;

    /// <summary>Per piece: the decays at its start and end, and its length²/(8 τ²), for τm, τ1 and τ2.</summary>
    private readonly double[] _fromM = new double[Count], _from1 = new double[Count], _from2 = new double[Count];
    private readonly double[] _toM = new double[Count], _to1 = new double[Count], _to2 = new double[Count];
    private readonly double[] _curveM = new double[Count], _curve1 = new double[Count], _curve2 = new double[Count];

    /// <summary>The same, as the two halves' vectors.</summary>
    private readonly Lanes _near, _far;

    /// <summary>Per horizon i: its eighths, the pieces [2^i Δ (1 + (j − 1)/8), 2^i Δ (1 + j/8)], j = 1..8, that extend it.</summary>
    private readonly Lanes[] _eighths = new Lanes[Count];

    /// <summary>The pieces of windows <paramref name="windowMs"/> on a membrane of decay <paramref name="rates"/>.</summary>
    public HorizonProof(double windowMs, in DecayRates rates)
    {
        WindowMs = windowMs;
        for (int k = 0; k < Count; k++)
        {
            double from = k == 0 ? 0 : windowMs * (1 << (k - 1)), to = HorizonMs(k), chord = (to - from) * (to - from) / 8;
            rates.Decays(from, out _fromM[k], out _from1[k], out _from2[k]);
            rates.Decays(to, out _toM[k], out _to1[k], out _to2[k]);
            (_curveM[k], _curve1[k], _curve2[k]) = (chord * rates.RateM * rates.RateM, chord * rates.Rate1 * rates.Rate1, chord * rates.Rate2 * rates.Rate2);
        }

        _near = new Lanes(this, 0);
        _far = new Lanes(this, Vector512<double>.Count);
        for (int i = 0; i < Count; i++)
        {
            double length = HorizonMs(i) / 8;
            double[][] lanes = [.. Enumerable.Range(0, 9).Select(_ => new double[8])];
            for (int j = 0; j < 8; j++)
            {
                double from = HorizonMs(i) + (j * length), to = from + length, chord = length * length / 8;
                rates.Decays(from, out lanes[0][j], out lanes[1][j], out lanes[2][j]);
                rates.Decays(to, out lanes[3][j], out lanes[4][j], out lanes[5][j]);
                (lanes[6][j], lanes[7][j], lanes[8][j]) = (chord * rates.RateM * rates.RateM, chord * rates.Rate1 * rates.Rate1, chord * rates.Rate2 * rates.Rate2);
            }

            _eighths[i] = new Lanes(lanes);
        }
    }

    /// <summary>Δ, the shortest horizon.</summary>
    public double WindowMs { get; }

    /// <summary>The longest time <see cref="SafeForMs"/> returns, 2^16 Δ.</summary>
    public double LongestMs => 2 * HorizonMs(Count - 1);

    /// <summary>2^i Δ.</summary>
    public double HorizonMs(int i) => WindowMs * (1 << i);

    /// <summary>
    /// The longest time from now over which c0 + a e^(−s/τm) + b e^(−s/τ1) + c e^(−s/τ2) is proved below 0: 2^i Δ for
    /// the largest i of <see cref="Longest"/>, extended by the eighths of 2^i Δ beyond it that also hold (0 when not even
    /// [0, Δ] holds; at most 2^16 Δ).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double SafeForMs(double c0, double a, double b, double c)
    {
        int i = Longest(c0, a, b, c);
        if (i < 0)
        {
            return 0;
        }

        uint safe = Vector512.IsHardwareAccelerated ? Safe(in _eighths[i], c0, a, b, c) : 0;
        return HorizonMs(i) * (1 + (BitOperations.TrailingZeroCount(~safe) / 8.0));
    }

    /// <summary>
    /// The largest i such that c0 + a e^(−s/τm) + b e^(−s/τ1) + c e^(−s/τ2) is proved below 0 on [0, 2^i Δ], or −1
    /// when not even [0, Δ] is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Longest(double c0, double a, double b, double c)
    {
        uint safe;
        if (Vector512.IsHardwareAccelerated)
        {
            safe = Safe(in _near, c0, a, b, c);
            if (safe == 0xFF)
            {
                safe |= Safe(in _far, c0, a, b, c) << Vector512<double>.Count; // the far pieces only matter when all near ones hold
            }
        }
        else
        {
            safe = 0;
            for (int k = 0; k < Count && PieceBound(k, c0, a, b, c) < 0; k++)
            {
                safe |= 1u << k;
            }
        }

        return BitOperations.TrailingZeroCount(~safe) - 1;
    }

    /// <summary>The bound over piece <paramref name="k"/> (below 0: no crossing in it).</summary>
    public double PieceBound(int k, double c0, double a, double b, double c)
    {
        double a0 = a * _fromM[k], b0 = b * _from1[k], c00 = c * _from2[k];
        double a1 = a * _toM[k], b1 = b * _to1[k], c1 = c * _to2[k];
        double start = c0 + a0 + b0 + c00;
        double end = c0 + a1 + b1 + c1;
        double curvature = (Math.Max(-a0, 0) * _curveM[k]) + (Math.Max(-b0, 0) * _curve1[k]) + (Math.Max(-c00, 0) * _curve2[k]);
        double monotone = c0 + Math.Max(a0, a1) + Math.Max(b0, b1) + Math.Max(c00, c1);
        double margin = WindowProof.RoundingMargin * (Math.Abs(c0) + Math.Abs(a) + Math.Abs(b) + Math.Abs(c));
        return Math.Min(Math.Max(start, end) + curvature, monotone) + margin;
    }

    /// <summary>Eight pieces: those whose bound is below 0, as bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Safe(in Lanes p, double c0, double a, double b, double c)
    {
        var v0 = Vector512.Create(c0);
        var (va, vb, vc) = (Vector512.Create(a), Vector512.Create(b), Vector512.Create(c));
        var a0 = va * p.FromM;
        var b0 = vb * p.From1;
        var c00 = vc * p.From2;
        var a1 = va * p.ToM;
        var b1 = vb * p.To1;
        var c1 = vc * p.To2;
        var start = v0 + a0 + b0 + c00;
        var end = v0 + a1 + b1 + c1;
        var zero = Vector512<double>.Zero;
        var curvature = (Vector512.Max(-a0, zero) * p.CurveM) + (Vector512.Max(-b0, zero) * p.Curve1) + (Vector512.Max(-c00, zero) * p.Curve2);
        var monotone = v0 + Vector512.Max(a0, a1) + Vector512.Max(b0, b1) + Vector512.Max(c00, c1);
        var margin = Vector512.Create(WindowProof.RoundingMargin * (Math.Abs(c0) + Math.Abs(a) + Math.Abs(b) + Math.Abs(c)));
        var bound = Vector512.Min(Vector512.Max(start, end) + curvature, monotone) + margin;
        return (uint)Vector512.LessThan(bound, zero).ExtractMostSignificantBits();
    }

    /// <summary>Eight pieces' constants as vectors.</summary>
    private readonly struct Lanes
    {
        public readonly Vector512<double> FromM, From1, From2, ToM, To1, To2, CurveM, Curve1, Curve2;

        public Lanes(HorizonProof p, int first)
            : this([p._fromM[first..], p._from1[first..], p._from2[first..], p._toM[first..], p._to1[first..], p._to2[first..], p._curveM[first..], p._curve1[first..], p._curve2[first..]])
        {
        }

        /// <summary>From nine arrays (at least eight values each): decays at the starts and ends, and curvatures, for τm, τ1, τ2.</summary>
        public Lanes(double[][] v)
        {
            (FromM, From1, From2) = (Vector512.Create<double>(v[0]), Vector512.Create<double>(v[1]), Vector512.Create<double>(v[2]));
            (ToM, To1, To2) = (Vector512.Create<double>(v[3]), Vector512.Create<double>(v[4]), Vector512.Create<double>(v[5]));
            (CurveM, Curve1, Curve2) = (Vector512.Create<double>(v[6]), Vector512.Create<double>(v[7]), Vector512.Create<double>(v[8]));
        }
    }
}
