using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpikeCore.Models.Numerics;

/// <summary>
/// How long a LIF membrane's present trajectory certainly stays below threshold: the window proof
/// (<see cref="WindowProof"/>) over the dyadic pieces [0, Δ], [Δ, 2Δ], [2Δ, 4Δ], ..., [2^14 Δ, 2^15 Δ] at once, one
/// lane per piece: two 512-bit registers where the CPU has AVX-512, four 256-bit ones where it has AVX2 (the same bits).
/// The trajectory is safe over [0, 2^i Δ] when pieces 0..i are.
/// </summary>
/// <remarks>
/// <para>Piece k = [s0, s1] is proved from the terms at its own start, t_k e^(−s0/τ_k): a term that falls (a synaptic
/// current) counts there at the size it has decayed to, not at its size now, so a key can reach far beyond the first
/// milliseconds in which the currents dominate; over [0, 2^i Δ] as one interval, the chord's curvature term (growing
/// as its length squared) or the currents' present sizes would stop it after a few milliseconds.</para>
/// <para>Each piece's bound is <see cref="WindowProof.Bound"/> with the piece's decays: the larger end value plus
/// the curvature of the rising terms, or the sum of each term's larger end value, whichever is smaller, with 16 ε
/// (|c0| + Σ|t_k|) for rounding (the terms at s0 are no larger than those at 0). In lanes it is 12 fused multiply-adds,
/// a max, an add and a min per register of pieces: the terms are broadcast once per search, and which end of a piece bounds a
/// term follows from the term's sign, known before the lanes start. <see cref="PieceBound"/> is the same bound, scalar,
/// bit for bit.</para>
/// </remarks>
internal sealed class HorizonProof
{
    /// <summary>Pieces, and horizons: [0, 2^i Δ] for i &lt; 16.</summary>
    public const int Count = 16;

    /// <summary>Rows of a piece table: the decays at a piece's start and end and its curvature factors (decay at the start × length²/(8 τ²)), for τm, τ1 and τ2.</summary>
    private const int Rows = 9;

    /// <summary>Eighths of a horizon.</summary>
    private const int Eighths = 8;

    /// <summary>The pieces' table, row r of piece k at [r · <see cref="Count"/> + k] (a register reads one row's consecutive pieces).</summary>
    private readonly double[] _pieces = new double[Rows * Count];

    /// <summary>Per horizon i: its eighths, the pieces [2^i Δ (1 + (j − 1)/8), 2^i Δ (1 + j/8)], j = 1..8, that extend it (row r of eighth j at [r · 8 + j]).</summary>
    private readonly double[][] _eighths = new double[Count][];

    /// <summary>The pieces of windows <paramref name="windowMs"/> on a membrane of decay <paramref name="rates"/>.</summary>
    public HorizonProof(double windowMs, in DecayRates rates)
    {
        WindowMs = windowMs;
        for (int k = 0; k < Count; k++)
        {
            Piece(_pieces, Count, k, k == 0 ? 0 : HorizonMs(k - 1), HorizonMs(k), rates);
        }

        for (int i = 0; i < Count; i++)
        {
            _eighths[i] = new double[Rows * Eighths];
            for (int j = 0; j < Eighths; j++)
            {
                Piece(_eighths[i], Eighths, j, HorizonMs(i) * (1 + (j / 8.0)), HorizonMs(i) * (1 + ((j + 1) / 8.0)), rates);
            }
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
    public double SafeForMs(double c0, double a, double b, double c) => LaneWidths.Widest switch
    {
        LaneWidth.Bits512 => SafeForMs<Lanes512<double>>(c0, a, b, c),
        LaneWidth.Bits256 => SafeForMs<Lanes256<double>>(c0, a, b, c),
        _ => ScalarSafeForMs(c0, a, b, c),
    };

    /// <summary><see cref="SafeForMs(double, double, double, double)"/> in registers of <typeparamref name="TLanes"/>.</summary>
    /// <remarks>
    /// A call of its own, not inlined: inlined into <c>LifExpRuntime.ProveWindow</c> it exhausted the JIT's inlining
    /// budget there, and the lane operations became calls (the JIT's listing; CUBA 10 s about 6% slower, six pairs).
    /// </remarks>
    internal double SafeForMs<TLanes>(double c0, double a, double b, double c)
        where TLanes : struct, ILanes<TLanes, double>
    {
        var terms = new Terms<TLanes>(c0, a, b, c);
        int i = SafePrefix(_pieces, Count, in terms) - 1;
        return i < 0 ? 0 : HorizonMs(i) * (1 + (SafePrefix(_eighths[i], Eighths, in terms) / 8.0));
    }

    /// <summary>
    /// The largest i such that c0 + a e^(−s/τm) + b e^(−s/τ1) + c e^(−s/τ2) is proved below 0 on [0, 2^i Δ], or −1
    /// when not even [0, Δ] is.
    /// </summary>
    public int Longest(double c0, double a, double b, double c) => LaneWidths.Widest switch
    {
        LaneWidth.Bits512 => Longest<Lanes512<double>>(c0, a, b, c),
        LaneWidth.Bits256 => Longest<Lanes256<double>>(c0, a, b, c),
        _ => ScalarLongest(c0, a, b, c),
    };

    /// <summary><see cref="Longest(double, double, double, double)"/> in registers of <typeparamref name="TLanes"/>.</summary>
    internal int Longest<TLanes>(double c0, double a, double b, double c)
        where TLanes : struct, ILanes<TLanes, double> => SafePrefix(_pieces, Count, new Terms<TLanes>(c0, a, b, c)) - 1;

    /// <summary><see cref="Longest(double, double, double, double)"/> piece by piece, on a CPU without AVX2 (the same bounds).</summary>
    private int ScalarLongest(double c0, double a, double b, double c)
    {
        int k = 0;
        while (k < Count && PieceBound(k, c0, a, b, c) < 0)
        {
            k++;
        }

        return k - 1;
    }

    /// <summary><see cref="SafeForMs(double, double, double, double)"/> piece by piece, on a CPU without AVX2 (the same bounds).</summary>
    internal double ScalarSafeForMs(double c0, double a, double b, double c)
    {
        int i = ScalarLongest(c0, a, b, c);
        if (i < 0)
        {
            return 0;
        }

        int j = 0;
        while (j < Eighths && Bound(_eighths[i], Eighths, j, c0, a, b, c) < 0)
        {
            j++;
        }

        return HorizonMs(i) * (1 + (j / 8.0));
    }

    /// <summary>How many of the first pieces of <paramref name="table"/> (<paramref name="pieces"/> per row) are proved safe, a register at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SafePrefix<TLanes>(double[] table, int pieces, in Terms<TLanes> t)
        where TLanes : struct, ILanes<TLanes, double>
    {
        if (!t.Finite)
        {
            return 0;
        }

        ref double row0 = ref MemoryMarshal.GetArrayDataReference(table);
        ulong all = (1UL << TLanes.Count) - 1;
        for (int k = 0; k < pieces; k += TLanes.Count)
        {
            ulong safe = Safe(ref Unsafe.Add(ref row0, k), pieces, in t);
            if (safe != all)
            {
                return k + BitOperations.TrailingZeroCount(~safe); // the later pieces only matter when all these hold
            }
        }

        return pieces;
    }

    /// <summary>The bound over piece <paramref name="k"/> (below 0: no crossing in it).</summary>
    public double PieceBound(int k, double c0, double a, double b, double c) => Bound(_pieces, Count, k, c0, a, b, c);

    /// <summary>The bound over piece <paramref name="k"/> of <paramref name="table"/> (<paramref name="pieces"/> per row).</summary>
    private static double Bound(double[] table, int pieces, int k, double c0, double a, double b, double c) =>
        WindowProof.Bound(c0, a, b, c, table[k], table[pieces + k], table[(2 * pieces) + k], table[(3 * pieces) + k], table[(4 * pieces) + k],
            table[(5 * pieces) + k], table[(6 * pieces) + k], table[(7 * pieces) + k], table[(8 * pieces) + k]);

    /// <summary>Writes piece <paramref name="k"/> of <paramref name="table"/> (<paramref name="pieces"/> per row): [<paramref name="fromMs"/>, <paramref name="toMs"/>]'s decays at both ends and curvature factors.</summary>
    private static void Piece(double[] table, int pieces, int k, double fromMs, double toMs, in DecayRates rates)
    {
        double chord = (toMs - fromMs) * (toMs - fromMs) / 8;
        rates.Decays(fromMs, out table[k], out table[pieces + k], out table[(2 * pieces) + k]);
        rates.Decays(toMs, out table[(3 * pieces) + k], out table[(4 * pieces) + k], out table[(5 * pieces) + k]);
        table[(6 * pieces) + k] = table[k] * chord * rates.RateM * rates.RateM;
        table[(7 * pieces) + k] = table[pieces + k] * chord * rates.Rate1 * rates.Rate1;
        table[(8 * pieces) + k] = table[(2 * pieces) + k] * chord * rates.Rate2 * rates.Rate2;
    }

    /// <summary>
    /// A register of consecutive pieces, from <paramref name="first"/> in the table's first row (rows
    /// <paramref name="pieces"/> apart): those whose bound (<see cref="WindowProof.Bound"/>, lane by lane) is below 0, as bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Safe<TLanes>(ref double first, int pieces, in Terms<TLanes> t)
        where TLanes : struct, ILanes<TLanes, double>
    {
        nuint row = (nuint)pieces;
        TLanes fromM = TLanes.Load(ref first, 0), from1 = TLanes.Load(ref first, row), from2 = TLanes.Load(ref first, 2 * row);
        TLanes toM = TLanes.Load(ref first, 3 * row), to1 = TLanes.Load(ref first, 4 * row), to2 = TLanes.Load(ref first, 5 * row);
        var start = TLanes.MultiplyAdd(t.C, from2, TLanes.MultiplyAdd(t.B, from1, TLanes.MultiplyAdd(t.A, fromM, t.V0)));
        var end = TLanes.MultiplyAdd(t.C, to2, TLanes.MultiplyAdd(t.B, to1, TLanes.MultiplyAdd(t.A, toM, t.V0)));
        var bend = TLanes.MultiplyAdd(t.CDown, TLanes.Load(ref first, 8 * row), TLanes.MultiplyAdd(t.BDown, TLanes.Load(ref first, 7 * row), t.ADown * TLanes.Load(ref first, 6 * row)));
        var monotone = TLanes.MultiplyAdd(t.C, t.CFalls ? from2 : to2, TLanes.MultiplyAdd(t.B, t.BFalls ? from1 : to1, TLanes.MultiplyAdd(t.A, t.AFalls ? fromM : toM, t.V0)));
        var bound = TLanes.MinNative(TLanes.MaxNative(start, end) + bend, monotone);
        return TLanes.Bits(TLanes.LessThan(bound, TLanes.Create(0)));
    }

    /// <summary>
    /// A trajectory's terms as registers, made once per search: c0 with the rounding margin, the terms, the falling
    /// parts of the concave ones (max(−t, 0)) and which terms fall; no piece is safe unless all are finite (the native
    /// min and max do not carry NaN).
    /// </summary>
    private readonly struct Terms<TLanes>
        where TLanes : struct, ILanes<TLanes, double>
    {
        public readonly TLanes V0, A, B, C, ADown, BDown, CDown;
        public readonly bool AFalls, BFalls, CFalls, Finite;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Terms(double c0, double a, double b, double c)
        {
            V0 = TLanes.Create(c0 + WindowProof.MarginOf(c0, a, b, c));
            (A, B, C) = (TLanes.Create(a), TLanes.Create(b), TLanes.Create(c));
            (ADown, BDown, CDown) = (TLanes.Create(Math.Max(-a, 0)), TLanes.Create(Math.Max(-b, 0)), TLanes.Create(Math.Max(-c, 0)));
            (AFalls, BFalls, CFalls) = (a >= 0, b >= 0, c >= 0);
            Finite = double.IsFinite(c0 + a + b + c);
        }
    }
}
