using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SpikeCore.Models.Numerics;

/// <summary>
/// One SIMD register of <typeparamref name="T"/> lanes (float or double), so that a hot loop is written once and runs
/// as <see cref="Lanes512{T}"/> where the CPU has AVX-512 and as <see cref="Lanes256{T}"/> elsewhere. Every operation
/// is lane by lane with the same rounding at either width, so a neuron's result never depends on the width or on its
/// neighbours. (.NET's own ISimdVector is not open to user code; TensorPrimitives uses the same pattern inside.)
/// </summary>
/// <remarks>The JIT specialises a generic method per struct and inlines these static members: no cost over writing the
/// Vector512 or Vector256 calls by hand.</remarks>
internal interface ILanes<TSelf, T>
    where TSelf : struct, ILanes<TSelf, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Lanes per register.</summary>
    static abstract int Count { get; }

    static abstract TSelf Create(T value);

    static abstract TSelf Load(ref T source, nuint index);

    void Store(ref T destination, nuint index);

    static abstract TSelf operator +(TSelf a, TSelf b);

    static abstract TSelf operator -(TSelf a, TSelf b);

    static abstract TSelf operator *(TSelf a, TSelf b);

    static abstract TSelf operator /(TSelf a, TSelf b);

    static abstract TSelf operator |(TSelf a, TSelf b);

    /// <summary>a·b + c rounded once.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>Bit k set where lane k of a ≥ b (one compare and a move: no mask register to convert).</summary>
    static abstract ulong AtLeastBits(TSelf a, TSelf b);

    /// <summary>Bit k set where lane k of a &lt; lower or &gt; upper (or NaN).</summary>
    static abstract ulong OutsideBits(TSelf a, T lower, T upper);

    /// <summary>All bits set in the lanes where |a| &lt; b (not where a is NaN).</summary>
    static abstract TSelf SmallerThan(TSelf a, TSelf b);

    /// <summary>
    /// All bits set in the lanes whose time <c>times[index + lane]</c> is at or after <paramref name="timeMs"/>. Times
    /// stay double at either lane type: a float cannot hold 10⁴ s to a microsecond.
    /// </summary>
    static abstract TSelf AtOrAfter(ref double times, nuint index, double timeMs);

    /// <summary>Bit k set where <c>times[index + k]</c> is after <paramref name="timeMs"/>.</summary>
    static abstract ulong AfterBits(ref double times, nuint index, double timeMs);

    /// <summary>
    /// Lanes of <paramref name="whenSet"/> where <paramref name="mask"/> is set, of <paramref name="otherwise"/> elsewhere;
    /// each lane of the mask all ones or all zeros (a comparison's result), so AVX2 can blend by the sign bit.
    /// </summary>
    static abstract TSelf Select(TSelf mask, TSelf whenSet, TSelf otherwise);

    /// <summary>a with the lanes of mask cleared: a &amp; ~mask.</summary>
    static abstract TSelf AndNot(TSelf a, TSelf mask);

    /// <summary>Bit k set when lane k of a mask is set.</summary>
    static abstract ulong Bits(TSelf mask);

    /// <summary>Bit k set when lane k of a and of b differ in any bit (so −0 differs from +0, and NaN from itself only if its bits do).</summary>
    static abstract ulong DifferentBits(TSelf a, TSelf b);

    /// <summary>−a (the vector type's own negation).</summary>
    static abstract TSelf operator -(TSelf a);

    static abstract TSelf operator &(TSelf a, TSelf b);

    /// <summary>|a|.</summary>
    static abstract TSelf Abs(TSelf a);

    /// <summary>The larger of a and b by the CPU's own instruction: b where they compare equal (±0) or either is NaN.</summary>
    static abstract TSelf MaxNative(TSelf a, TSelf b);

    /// <summary>The smaller of a and b by the CPU's own instruction: b where they compare equal (±0) or either is NaN.</summary>
    static abstract TSelf MinNative(TSelf a, TSelf b);

    /// <summary>All bits set in the lanes where a ≥ b.</summary>
    static abstract TSelf AtLeast(TSelf a, TSelf b);

    /// <summary>All bits set in the lanes where a &lt; b.</summary>
    static abstract TSelf LessThan(TSelf a, TSelf b);

    /// <summary>All bits set in the lanes where a = b (as numbers: never where either is NaN).</summary>
    static abstract TSelf Equal(TSelf a, TSelf b);

    /// <summary>All bits set in the lanes where a and b have the same bits (<see cref="DifferentBits"/>' complement, as a mask).</summary>
    static abstract TSelf SameBits(TSelf a, TSelf b);

    /// <summary>
    /// Lane k from <c>Unsafe.Add(ref first, k · stride)</c>: one field of consecutive structs (an array of structs read
    /// as lanes, <paramref name="stride"/> the struct's size in <typeparamref name="T"/>).
    /// </summary>
    static abstract TSelf Gather(ref T first, nint stride);

    /// <summary>Lane k to <c>Unsafe.Add(ref first, k · stride)</c> (<see cref="Gather"/>'s inverse).</summary>
    void Scatter(ref T first, nint stride);

    /// <summary>Lane <paramref name="lane"/>.</summary>
    T this[int lane] { get; }
}

/// <summary>The registers a loop written over <see cref="ILanes{TSelf,T}"/> runs in: the widest the CPU has, unless a test asks for another.</summary>
internal enum LaneWidth
{
    /// <summary>No registers: the scalar code (a CPU without AVX2 or AVX-512).</summary>
    Scalar = 0,

    /// <summary><see cref="Lanes256{T}"/> (AVX2).</summary>
    Bits256 = 256,

    /// <summary><see cref="Lanes512{T}"/> (AVX-512).</summary>
    Bits512 = 512,
}

/// <summary>The widest registers this CPU runs natively.</summary>
internal static class LaneWidths
{
    /// <summary>Folded to a constant by the JIT (the hardware checks are), so a switch on it keeps only its case.</summary>
    public static LaneWidth Widest
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.IsHardwareAccelerated ? LaneWidth.Bits512 : Vector256.IsHardwareAccelerated ? LaneWidth.Bits256 : LaneWidth.Scalar;
    }
}

/// <summary>A Vector512 register as <see cref="ILanes{TSelf,T}"/>.</summary>
internal readonly struct Lanes512<T>(Vector512<T> value) : ILanes<Lanes512<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector512<T> _v = value;

    public static int Count => Vector512<T>.Count;

    public T this[int lane] => _v.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Create(T value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Load(ref T source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref T destination, nuint index) => _v.StoreUnsafe(ref destination, index);

    public static Lanes512<T> operator +(Lanes512<T> a, Lanes512<T> b) => new(a._v + b._v);

    public static Lanes512<T> operator -(Lanes512<T> a, Lanes512<T> b) => new(a._v - b._v);

    public static Lanes512<T> operator *(Lanes512<T> a, Lanes512<T> b) => new(a._v * b._v);

    public static Lanes512<T> operator /(Lanes512<T> a, Lanes512<T> b) => new(a._v / b._v);

    public static Lanes512<T> operator |(Lanes512<T> a, Lanes512<T> b) => new(a._v | b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> MultiplyAdd(Lanes512<T> a, Lanes512<T> b, Lanes512<T> c) =>
        typeof(T) == typeof(double)
            ? new(Vector512.FusedMultiplyAdd(a._v.AsDouble(), b._v.AsDouble(), c._v.AsDouble()).As<double, T>())
            : new(Vector512.FusedMultiplyAdd(a._v.AsSingle(), b._v.AsSingle(), c._v.AsSingle()).As<float, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AtLeastBits(Lanes512<T> a, Lanes512<T> b) => Vector512.GreaterThanOrEqual(a._v, b._v).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OutsideBits(Lanes512<T> a, T lower, T upper) =>
        (Vector512.LessThan(a._v, Vector512.Create(lower)) | ~Vector512.LessThanOrEqual(a._v, Vector512.Create(upper))).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> SmallerThan(Lanes512<T> a, Lanes512<T> b) => new(Vector512.LessThan(Vector512.Abs(a._v), b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> AtOrAfter(ref double times, nuint index, double timeMs)
    {
        Vector512<double> t = Vector512.Create(timeMs);
        Vector512<double> low = Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref times, index), t);
        if (typeof(T) == typeof(double))
        {
            return new(low.As<double, T>());
        }

        // Two registers of double times per register of float lanes; −1 narrows to −1, all bits set in each float lane.
        Vector512<double> high = Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref times, index + 8), t);
        return new(Vector512.Narrow(low.AsInt64(), high.AsInt64()).As<int, T>());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AfterBits(ref double times, nuint index, double timeMs)
    {
        Vector512<double> t = Vector512.Create(timeMs);
        ulong low = Vector512.GreaterThan(Vector512.LoadUnsafe(ref times, index), t).ExtractMostSignificantBits();
        return typeof(T) == typeof(double)
            ? low
            : low | (Vector512.GreaterThan(Vector512.LoadUnsafe(ref times, index + 8), t).ExtractMostSignificantBits() << 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Select(Lanes512<T> mask, Lanes512<T> whenSet, Lanes512<T> otherwise) =>
        new(Vector512.ConditionalSelect(mask._v, whenSet._v, otherwise._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> AndNot(Lanes512<T> a, Lanes512<T> mask) => new(Vector512.AndNot(a._v, mask._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(Lanes512<T> mask) => mask._v.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong DifferentBits(Lanes512<T> a, Lanes512<T> b) => typeof(T) == typeof(double)
        ? ~Vector512.Equals(a._v.AsUInt64(), b._v.AsUInt64()).ExtractMostSignificantBits() & ((1UL << Vector512<ulong>.Count) - 1)
        : ~Vector512.Equals(a._v.AsUInt32(), b._v.AsUInt32()).ExtractMostSignificantBits() & ((1UL << Vector512<uint>.Count) - 1);

    public static Lanes512<T> operator -(Lanes512<T> a) => new(-a._v);

    public static Lanes512<T> operator &(Lanes512<T> a, Lanes512<T> b) => new(a._v & b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Abs(Lanes512<T> a) => new(Vector512.Abs(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> MaxNative(Lanes512<T> a, Lanes512<T> b) => new(Vector512.MaxNative(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> MinNative(Lanes512<T> a, Lanes512<T> b) => new(Vector512.MinNative(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> AtLeast(Lanes512<T> a, Lanes512<T> b) => new(Vector512.GreaterThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> LessThan(Lanes512<T> a, Lanes512<T> b) => new(Vector512.LessThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Equal(Lanes512<T> a, Lanes512<T> b) => new(Vector512.Equals(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> SameBits(Lanes512<T> a, Lanes512<T> b) => typeof(T) == typeof(double)
        ? new(Vector512.Equals(a._v.AsUInt64(), b._v.AsUInt64()).As<ulong, T>())
        : new(Vector512.Equals(a._v.AsUInt32(), b._v.AsUInt32()).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Gather(ref T first, nint stride)
    {
        if (typeof(T) == typeof(double))
        {
            ref double d = ref Unsafe.As<T, double>(ref first);
            return new(Vector512.Create(d, Unsafe.Add(ref d, stride), Unsafe.Add(ref d, 2 * stride), Unsafe.Add(ref d, 3 * stride), Unsafe.Add(ref d, 4 * stride), Unsafe.Add(ref d, 5 * stride), Unsafe.Add(ref d, 6 * stride), Unsafe.Add(ref d, 7 * stride)).As<double, T>());
        }

        ref float f = ref Unsafe.As<T, float>(ref first);
        return new(Vector512.Create(f, Unsafe.Add(ref f, stride), Unsafe.Add(ref f, 2 * stride), Unsafe.Add(ref f, 3 * stride), Unsafe.Add(ref f, 4 * stride), Unsafe.Add(ref f, 5 * stride), Unsafe.Add(ref f, 6 * stride), Unsafe.Add(ref f, 7 * stride), Unsafe.Add(ref f, 8 * stride), Unsafe.Add(ref f, 9 * stride), Unsafe.Add(ref f, 10 * stride), Unsafe.Add(ref f, 11 * stride), Unsafe.Add(ref f, 12 * stride), Unsafe.Add(ref f, 13 * stride), Unsafe.Add(ref f, 14 * stride), Unsafe.Add(ref f, 15 * stride)).As<float, T>());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Scatter(ref T first, nint stride)
    {
        for (int k = 0; k < Vector512<T>.Count; k++)
        {
            Unsafe.Add(ref first, k * stride) = _v.GetElement(k);
        }
    }
}

/// <summary>A Vector256 register as <see cref="ILanes{TSelf,T}"/>.</summary>
internal readonly struct Lanes256<T>(Vector256<T> value) : ILanes<Lanes256<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector256<T> _v = value;

    public static int Count => Vector256<T>.Count;

    public T this[int lane] => _v.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Create(T value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Load(ref T source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref T destination, nuint index) => _v.StoreUnsafe(ref destination, index);

    public static Lanes256<T> operator +(Lanes256<T> a, Lanes256<T> b) => new(a._v + b._v);

    public static Lanes256<T> operator -(Lanes256<T> a, Lanes256<T> b) => new(a._v - b._v);

    public static Lanes256<T> operator *(Lanes256<T> a, Lanes256<T> b) => new(a._v * b._v);

    public static Lanes256<T> operator /(Lanes256<T> a, Lanes256<T> b) => new(a._v / b._v);

    public static Lanes256<T> operator |(Lanes256<T> a, Lanes256<T> b) => new(a._v | b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> MultiplyAdd(Lanes256<T> a, Lanes256<T> b, Lanes256<T> c) =>
        typeof(T) == typeof(double)
            ? new(Vector256.FusedMultiplyAdd(a._v.AsDouble(), b._v.AsDouble(), c._v.AsDouble()).As<double, T>())
            : new(Vector256.FusedMultiplyAdd(a._v.AsSingle(), b._v.AsSingle(), c._v.AsSingle()).As<float, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AtLeastBits(Lanes256<T> a, Lanes256<T> b) => Vector256.GreaterThanOrEqual(a._v, b._v).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OutsideBits(Lanes256<T> a, T lower, T upper) =>
        (Vector256.LessThan(a._v, Vector256.Create(lower)) | ~Vector256.LessThanOrEqual(a._v, Vector256.Create(upper))).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> SmallerThan(Lanes256<T> a, Lanes256<T> b) => new(Vector256.LessThan(Vector256.Abs(a._v), b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> AtOrAfter(ref double times, nuint index, double timeMs)
    {
        Vector256<double> t = Vector256.Create(timeMs);
        Vector256<double> low = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref times, index), t);
        if (typeof(T) == typeof(double))
        {
            return new(low.As<double, T>());
        }

        // Two registers of double times per register of float lanes; −1 narrows to −1, all bits set in each float lane.
        Vector256<double> high = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref times, index + 4), t);
        return new(Vector256.Narrow(low.AsInt64(), high.AsInt64()).As<int, T>());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AfterBits(ref double times, nuint index, double timeMs)
    {
        Vector256<double> t = Vector256.Create(timeMs);
        ulong low = Vector256.GreaterThan(Vector256.LoadUnsafe(ref times, index), t).ExtractMostSignificantBits();
        return typeof(T) == typeof(double)
            ? low
            : low | (Vector256.GreaterThan(Vector256.LoadUnsafe(ref times, index + 4), t).ExtractMostSignificantBits() << 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Select(Lanes256<T> mask, Lanes256<T> whenSet, Lanes256<T> otherwise) =>
        !Avx.IsSupported ? new(Vector256.ConditionalSelect(mask._v, whenSet._v, otherwise._v))
        : typeof(T) == typeof(double)
            ? new(Avx.BlendVariable(otherwise._v.AsDouble(), whenSet._v.AsDouble(), mask._v.AsDouble()).As<double, T>())
            : new(Avx.BlendVariable(otherwise._v.AsSingle(), whenSet._v.AsSingle(), mask._v.AsSingle()).As<float, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> AndNot(Lanes256<T> a, Lanes256<T> mask) => new(Vector256.AndNot(a._v, mask._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(Lanes256<T> mask) => mask._v.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong DifferentBits(Lanes256<T> a, Lanes256<T> b) => typeof(T) == typeof(double)
        ? ~Vector256.Equals(a._v.AsUInt64(), b._v.AsUInt64()).ExtractMostSignificantBits() & ((1UL << Vector256<ulong>.Count) - 1)
        : ~Vector256.Equals(a._v.AsUInt32(), b._v.AsUInt32()).ExtractMostSignificantBits() & ((1UL << Vector256<uint>.Count) - 1);

    public static Lanes256<T> operator -(Lanes256<T> a) => new(-a._v);

    public static Lanes256<T> operator &(Lanes256<T> a, Lanes256<T> b) => new(a._v & b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Abs(Lanes256<T> a) => new(Vector256.Abs(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> MaxNative(Lanes256<T> a, Lanes256<T> b) => new(Vector256.MaxNative(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> MinNative(Lanes256<T> a, Lanes256<T> b) => new(Vector256.MinNative(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> AtLeast(Lanes256<T> a, Lanes256<T> b) => new(Vector256.GreaterThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> LessThan(Lanes256<T> a, Lanes256<T> b) => new(Vector256.LessThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Equal(Lanes256<T> a, Lanes256<T> b) => new(Vector256.Equals(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> SameBits(Lanes256<T> a, Lanes256<T> b) => typeof(T) == typeof(double)
        ? new(Vector256.Equals(a._v.AsUInt64(), b._v.AsUInt64()).As<ulong, T>())
        : new(Vector256.Equals(a._v.AsUInt32(), b._v.AsUInt32()).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Gather(ref T first, nint stride)
    {
        if (typeof(T) == typeof(double))
        {
            ref double d = ref Unsafe.As<T, double>(ref first);
            return new(Vector256.Create(d, Unsafe.Add(ref d, stride), Unsafe.Add(ref d, 2 * stride), Unsafe.Add(ref d, 3 * stride)).As<double, T>());
        }

        ref float f = ref Unsafe.As<T, float>(ref first);
        return new(Vector256.Create(f, Unsafe.Add(ref f, stride), Unsafe.Add(ref f, 2 * stride), Unsafe.Add(ref f, 3 * stride), Unsafe.Add(ref f, 4 * stride), Unsafe.Add(ref f, 5 * stride), Unsafe.Add(ref f, 6 * stride), Unsafe.Add(ref f, 7 * stride)).As<float, T>());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Scatter(ref T first, nint stride)
    {
        for (int k = 0; k < Vector256<T>.Count; k++)
        {
            Unsafe.Add(ref first, k * stride) = _v.GetElement(k);
        }
    }
}
