using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpikeCore.Models.Numerics;

/// <summary>
/// An array whose first element sits on a 64-byte boundary (a cache line), for state that SIMD loops store a whole
/// register at a time: a .NET array's data starts 16 bytes into a line, so every 64-byte store of a 512-bit register
/// into one is split across two lines. Pinned (on the pinned object heap), so the boundary stays where it is.
/// </summary>
/// <remarks>
/// Measured on a stand-alone copy of the conductance LIF's step (AVX-512, this project's AMD EPYC; fastest of 40
/// alternating rounds): 104 neurons 8.3-9.3 ns per register of eight aligned against 10.6-10.8 ns with the arrays' own
/// placement (without its stores the loop ran at 5.4-5.6 ns either way: the split stores were the cost); 4,000 neurons
/// 6.3 against 8.7 ns. In the engine the gain is smaller, the step sharing the caches with everything else: a Diehl and
/// Cook digits presentation 3.5% faster (median of eight alternating pairs), COBA about 7% (six pairs; a hot loop must
/// take <see cref="Span"/> once: the indexer per element cost COBA's delivery more than the alignment gained).
/// </remarks>
internal sealed class AlignedArray<T>
    where T : unmanaged
{
    private const int LineBytes = 64;
    private readonly T[] _storage;
    private readonly int _offset;

    /// <summary>A zeroed array of <paramref name="length"/> elements.</summary>
    public unsafe AlignedArray(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int slack = LineBytes / sizeof(T);
        _storage = GC.AllocateArray<T>(length + slack, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
        _offset = (int)((LineBytes - (address % LineBytes)) % LineBytes) / sizeof(T);
        Length = length;
    }

    /// <summary>The values, in an aligned array of their length.</summary>
    public AlignedArray(ReadOnlySpan<T> values)
        : this(values.Length) => values.CopyTo(Span);

    public int Length { get; }

    public Span<T> Span => _storage.AsSpan(_offset, Length);

    /// <summary>The first element (on the boundary), for loops that index from it.</summary>
    public ref T First => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_storage), _offset);

    /// <summary>Element <paramref name="index"/>, checked against the length (a hot loop takes <see cref="Span"/> once instead).</summary>
    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Length, nameof(index));
            return ref Unsafe.Add(ref First, index);
        }
    }
}
