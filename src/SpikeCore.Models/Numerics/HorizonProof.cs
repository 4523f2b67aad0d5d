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
/// <para>Each piece's bound is <see cref="WindowProof.Bound"/> with the piece's decays: the larger end value plus
/// the curvature of the rising terms, or the sum of each term's larger end value, whichever is smaller, with 16 ε
/// (|c0| + Σ|t_k|) for rounding (the terms at s0 are no larger than those at 0). In lanes it is 12 fused multiply-adds,
/// a max, an add and a min per eight pieces: the terms are broadcast once per search, and which end of a piece bounds a
/// term follows from the term's sign, known before the lanes start. <see cref="PieceBound"/> is the same bound, scalar,
/// bit for bit.</para>
/// </remarks>
internal sealed class HorizonProof
{
    /// <summary>Pieces, and horizons: [0, 2^i Δ] for i &lt; 16.</summary>
    public const int Count = 16;

    /// <summary>Per piece: the decays at its start and end and its curvature factors (decay at the start × length²/(8 τ²)), for τm, τ1 and τ2 (nine rows).</summary>
    private readonly double[][] _pieces = [.. Enumerable.Range(0, 9).Select(_ => new double[Count])];

    /// <summary>The same, as the two halves' vectors.</summary>
    private readonly Lanes _near, _far;

    /// <summary>Per horizon i: its eighths, the pieces [2^i Δ (1 + (j − 1)/8), 2^i Δ (1 + j/8)], j = 1..8, that extend it.</summary>
    private readonly Lanes[] _eighths = new Lanes[Count];
    private readonly double[][][] _eighthsScalar = new double[Count][][];

    /// <summary>The pieces of windows <paramref name="windowMs"/> on a membrane of decay <paramref name="rates"/>.</summary>
    public HorizonProof(double windowMs, in DecayRates rates)
    {
        WindowMs = windowMs;
        for (int k = 0; k < Count; k++)
        {
            Piece(_pieces, k, k == 0 ? 0 : HorizonMs(k - 1), HorizonMs(k), rates);
        }

        _near = new Lanes(_pieces, 0);
        _far = new Lanes(_pieces, Vector512<double>.Count);
        for (int i = 0; i < Count; i++)
        {
            double[][] eighths = [.. Enumerable.Range(0, 9).Select(_ => new double[8])];
            for (int j = 0; j < 8; j++)
            {
                Piece(eighths, j, HorizonMs(i) * (1 + (j / 8.0)), HorizonMs(i) * (1 + ((j + 1) / 8.0)), rates);
            }

            _eighths[i] = new Lanes(eighths, 0);
            _eighthsScalar[i] = eighths;
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
        if (!Vector512.IsHardwareAccelerated)
        {
            return ScalarSafeForMs(c0, a, b, c);
        }

        var terms = new Terms(c0, a, b, c);
        int i = LongestOf(terms);
        if (i < 0)
        {
            return 0;
        }

        uint safe = Safe(in _eighths[i], in terms);
        return HorizonMs(i) * (1 + (BitOperations.TrailingZeroCount(~safe) / 8.0));
    }

    /// <summary>
    /// The largest i such that c0 + a e^(−s/τm) + b e^(−s/τ1) + c e^(−s/τ2) is proved below 0 on [0, 2^i Δ], or −1
    /// when not even [0, Δ] is.
    /// </summary>
    public int Longest(double c0, double a, double b, double c)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            int k = 0;
            while (k < Count && PieceBound(k, c0, a, b, c) < 0)
            {
                k++;
            }

            return k - 1;
        }

        return LongestOf(new Terms(c0, a, b, c));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int LongestOf(in Terms terms)
    {
        uint safe = Safe(in _near, in terms);
        if (safe == 0xFF)
        {
            safe |= Safe(in _far, in terms) << Vector512<double>.Count; // the far pieces only matter when all near ones hold
        }

        return BitOperations.TrailingZeroCount(~safe) - 1;
    }

    /// <summary><see cref="SafeForMs"/> piece by piece, on a CPU without AVX-512 (the same bounds).</summary>
    private double ScalarSafeForMs(double c0, double a, double b, double c)
    {
        int i = Longest(c0, a, b, c);
        if (i < 0)
        {
            return 0;
        }

        double[][] e = _eighthsScalar[i];
        int j = 0;
        while (j < 8 && WindowProof.Bound(c0, a, b, c, e[0][j], e[1][j], e[2][j], e[3][j], e[4][j], e[5][j], e[6][j], e[7][j], e[8][j]) < 0)
        {
            j++;
        }

        return HorizonMs(i) * (1 + (j / 8.0));
    }

    /// <summary>The bound over piece <paramref name="k"/> (below 0: no crossing in it).</summary>
    public double PieceBound(int k, double c0, double a, double b, double c)
    {
        double[][] p = _pieces;
        return WindowProof.Bound(c0, a, b, c, p[0][k], p[1][k], p[2][k], p[3][k], p[4][k], p[5][k], p[6][k], p[7][k], p[8][k]);
    }

    /// <summary>Writes column <paramref name="k"/> of <paramref name="rows"/>: the piece [<paramref name="fromMs"/>, <paramref name="toMs"/>]'s decays at both ends and curvature factors.</summary>
    private static void Piece(double[][] rows, int k, double fromMs, double toMs, in DecayRates rates)
    {
        double chord = (toMs - fromMs) * (toMs - fromMs) / 8;
        rates.Decays(fromMs, out rows[0][k], out rows[1][k], out rows[2][k]);
        rates.Decays(toMs, out rows[3][k], out rows[4][k], out rows[5][k]);
        rows[6][k] = rows[0][k] * chord * rates.RateM * rates.RateM;
        rows[7][k] = rows[1][k] * chord * rates.Rate1 * rates.Rate1;
        rows[8][k] = rows[2][k] * chord * rates.Rate2 * rates.Rate2;
    }

    /// <summary>Eight pieces: those whose bound (<see cref="WindowProof.Bound"/>, lane by lane) is below 0, as bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Safe(in Lanes p, in Terms t)
    {
        var start = Fma(t.C, p.From2, Fma(t.B, p.From1, Fma(t.A, p.FromM, t.V0)));
        var end = Fma(t.C, p.To2, Fma(t.B, p.To1, Fma(t.A, p.ToM, t.V0)));
        var bend = Fma(t.CDown, p.Bend2, Fma(t.BDown, p.Bend1, t.ADown * p.BendM));
        var monotone = Fma(t.C, t.CFalls ? p.From2 : p.To2, Fma(t.B, t.BFalls ? p.From1 : p.To1, Fma(t.A, t.AFalls ? p.FromM : p.ToM, t.V0)));
        var bound = Vector512.MinNative(Vector512.MaxNative(start, end) + bend, monotone);
        return (uint)Vector512.LessThan(bound, Vector512<double>.Zero).ExtractMostSignificantBits() & t.Finite;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Fma(Vector512<double> x, Vector512<double> y, Vector512<double> z) => Vector512.FusedMultiplyAdd(x, y, z);

    /// <summary>
    /// A trajectory's terms as registers, made once per search: c0 with the rounding margin, the terms, the falling
    /// parts of the concave ones (max(−t, 0)) and which terms fall; no lane is safe unless all are finite (the native
    /// min and max do not carry NaN).
    /// </summary>
    private readonly struct Terms
    {
        public readonly Vector512<double> V0, A, B, C, ADown, BDown, CDown;
        public readonly bool AFalls, BFalls, CFalls;
        public readonly uint Finite;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Terms(double c0, double a, double b, double c)
        {
            V0 = Vector512.Create(c0 + WindowProof.MarginOf(c0, a, b, c));
            (A, B, C) = (Vector512.Create(a), Vector512.Create(b), Vector512.Create(c));
            (ADown, BDown, CDown) = (Vector512.Create(Math.Max(-a, 0)), Vector512.Create(Math.Max(-b, 0)), Vector512.Create(Math.Max(-c, 0)));
            (AFalls, BFalls, CFalls) = (a >= 0, b >= 0, c >= 0);
            Finite = double.IsFinite(c0 + a + b + c) ? 0xFFu : 0;
        }
    }

    /// <summary>Eight pieces' constants as vectors: columns first .. first + 7 of the nine rows.</summary>
    private readonly struct Lanes(double[][] rows, int first)
    {
        public readonly Vector512<double> FromM = Row(rows, 0, first), From1 = Row(rows, 1, first), From2 = Row(rows, 2, first);
        public readonly Vector512<double> ToM = Row(rows, 3, first), To1 = Row(rows, 4, first), To2 = Row(rows, 5, first);
        public readonly Vector512<double> BendM = Row(rows, 6, first), Bend1 = Row(rows, 7, first), Bend2 = Row(rows, 8, first);

        private static Vector512<double> Row(double[][] rows, int row, int first) => Vector512.Create<double>(rows[row].AsSpan(first));
    }
}
