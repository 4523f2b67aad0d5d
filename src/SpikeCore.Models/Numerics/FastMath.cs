using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpikeCore.Models.Numerics;

/// <summary>Inlined elementary functions for the hot loops: vector ones for clocked populations, a conversion for deliveries.</summary>
internal static class FastMath
{
    /// <summary>
    /// <paramref name="f"/> as a double, exactly as the cast gives it, through a full-register conversion: the JIT's scalar
    /// cast (vcvtss2sd) keeps the destination register's upper half, so in a delivery loop each weight waited for the
    /// previous iteration's last result in that register, chaining the iterations through their loads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Widen(float f) => Vector128.WidenLower(Vector128.CreateScalarUnsafe(f)).ToScalar();

    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 0.6931471803691238;
    private const double Ln2Lo = 1.9082149292705877e-10;
    private const double RoundMagic = 6755399441055744.0; // 1.5 · 2^52: adding it rounds to an integer held in the low bits

    /// <summary>
    /// 1/12!, 1/11!, ..., 1/2!, 1, 1, each a register's worth, which the polynomial of <see cref="ExpWithinDomain"/> reads
    /// from memory as an operand of its fused multiply-adds. Written as constants, the JIT hoisted all thirteen out of a
    /// loop of several exponentials into registers; with sixteen of them on AVX2, the HH step's loop then kept its other
    /// values on the stack: COBAHH took about 1.45× as long as with the coefficients read from here (same bits).
    /// </summary>
    private static readonly Vector256<double>[] TaylorCoefficients =
        [.. Enumerable.Range(0, 13).Select(k => Vector256.Create(1.0 / Enumerable.Range(1, 12 - k).Aggregate(1.0, (f, i) => f * i)))];

    /// <summary>The fast path's domain: e^z for z in [<see cref="FastLowest"/>, <see cref="FastHighest"/>].</summary>
    internal const double FastLowest = -700, FastHighest = 709;

    /// <summary>
    /// e^z for every double, lane by lane: for −700 ≤ z ≤ 709 to about 2 ulp by z = n ln 2 + r with |r| ≤ ln2/2 (Cody-Waite
    /// split of ln 2), e^r by its degree-12 Taylor polynomial in fused multiply-adds (remainder below 1e-17) and 2^n
    /// assembled in the exponent bits. Outside that domain the exponent bits would wrap (n > 1023 turns into a small or
    /// negative number, n below −1022 into garbage), so a vector with any lane outside it, or NaN, goes to
    /// <see cref="Math.Exp"/> lane by lane: +∞ above 709.78, subnormals and 0 below −708, NaN for NaN. Named <c>Exp</c>,
    /// not for decays only: HH rate functions and negative conductances give positive arguments.
    /// </summary>
    /// <remarks>Measured in the COBA step, <c>Vector256.Exp</c> was not inlined and cost a fifth of the run; the domain check adds two compares.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> z)
    {
        Vector256<double> inside = Vector256.GreaterThanOrEqual(z, Vector256.Create(FastLowest)) & Vector256.LessThanOrEqual(z, Vector256.Create(FastHighest));
        // Compared as a lane mask: all-bits-set doubles are NaN, which never equal anything.
        return Vector256.ExtractMostSignificantBits(inside) == 0b1111 ? ExpWithinDomain(z) : ExpLaneByLane(z);
    }

    /// <summary>Lanes inside the domain as the fast path computes them (a lane never depends on its neighbours), the others by <see cref="Math.Exp"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> ExpLaneByLane(Vector256<double> z)
    {
        Vector256<double> fast = ExpWithinDomain(Vector256.Min(Vector256.Max(z, Vector256.Create(FastLowest)), Vector256.Create(FastHighest)));
        Span<double> lanes = stackalloc double[Vector256<double>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            double x = z.GetElement(i);
            lanes[i] = x is >= FastLowest and <= FastHighest ? fast.GetElement(i) : Math.Exp(x);
        }

        return Vector256.Create<double>(lanes);
    }

    /// <summary>
    /// The fast path alone: e^z for −700 ≤ z ≤ 709 (NaN gives NaN), for callers that guarantee the domain once for many
    /// calls (the HH gates clamp V so that all six of their exponents are inside it). Outside the domain the exponent
    /// bits wrap: never call it there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> ExpWithinDomain(Vector256<double> z)
    {
        Vector256<double> shifted = Vector256.FusedMultiplyAdd(z, Vector256.Create(Log2E), Vector256.Create(RoundMagic));
        Vector256<double> n = shifted - Vector256.Create(RoundMagic);
        Vector256<double> r = Vector256.FusedMultiplyAdd(-n, Vector256.Create(Ln2Lo), Vector256.FusedMultiplyAdd(-n, Vector256.Create(Ln2Hi), z));
        ref Vector256<double> c = ref MemoryMarshal.GetArrayDataReference(TaylorCoefficients);

        // Unrolled by hand: as a loop over the table the JIT keeps the loop, and COBAHH took 1.15× as long.
        Vector256<double> p = c;
        p = Vector256.FusedMultiplyAdd(p, r, Unsafe.Add(ref c, 1));
        p = Vector256.FusedMultiplyAdd(p, r, Unsafe.Add(ref c, 2));
        p = Vector256.FusedMultiplyAdd(p, r, Unsafe.Add(ref c, 3));
        p = Vector256.FusedMultiplyAdd(p, r, Unsafe.Add(ref c, 4));
        p = Vector256.FusedMultiplyAdd(p, r, Unsafe.Add(ref c, 5));
        p = Vector256.FusedMultiplyAdd(p, r, Unsafe.Add(ref c, 6));
        p = Vector256.FusedMultiplyAdd(p, r, Unsafe.Add(ref c, 7));
        p = Vector256.FusedMultiplyAdd(p, r, Unsafe.Add(ref c, 8));
        p = Vector256.FusedMultiplyAdd(p, r, Unsafe.Add(ref c, 9));
        p = Vector256.FusedMultiplyAdd(p, r, Unsafe.Add(ref c, 10));
        p = Vector256.FusedMultiplyAdd(p, r, Unsafe.Add(ref c, 11));
        p = Vector256.FusedMultiplyAdd(p, r, Unsafe.Add(ref c, 12));
        Vector256<long> exponent = (shifted.AsInt64() + Vector256.Create(1023L)) << 52;
        return p * exponent.AsDouble();
    }
}
