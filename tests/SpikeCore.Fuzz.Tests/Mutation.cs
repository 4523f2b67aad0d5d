using System.Buffers.Binary;
using System.Text;
using FsCheck.Fluent;
using FsCheck;

namespace SpikeCore.Fuzz.Tests;

/// <summary>What a byte-level mutator does to a valid file (AFL's havoc stages, and the text edits that matter to number parsers).</summary>
internal enum MutationKind
{
    FlipBit,
    SetByte,
    SetInt32,
    Insert,
    Delete,
    Duplicate,
    Truncate,
    ReplaceNumber,
}

/// <summary>One edit at a relative position (0..1 of the current length), so a generated edit applies to any file.</summary>
internal readonly record struct Mutation(MutationKind Kind, double At, int Length, int Value)
{
    /// <summary>Values that break parsers: boundaries of the integer types and of byte sizes.</summary>
    private static readonly int[] s_interestingInts = [0, 1, -1, 2, 16, 255, 256, 32767, 65535, 65536, int.MaxValue, int.MinValue, 0x40000000, 0x7FFFFFF0];

    /// <summary>Numbers that break text readers: fractions where integers belong, overflow, negative zero, exponent extremes.</summary>
    private static readonly string[] s_interestingNumbers =
    [
        "0", "-1", "2.7", "-0", "1e999", "-1e999", "1e-400", "2147483647", "2147483648", "-2147483649", "9223372036854775808",
        "18446744073709551616", "1e308", "4.9e-324", "NaN", "Infinity", "0x10", "1_000", "", "99999999999999999999999999999999",
    ];

    /// <summary>A generator of edit lists (1 to 8 edits; FsCheck shrinks failures to fewer and smaller ones).</summary>
    public static Gen<Mutation[]> Edits { get; } =
        (from kind in Gen.Elements(Enum.GetValues<MutationKind>())
         from at in Gen.Choose(0, 1_000_000).Select(x => x / 1e6)
         from length in Gen.OneOf(Gen.Choose(1, 8), Gen.Choose(1, 4096))
         from value in Gen.Choose(0, int.MaxValue)
         select new Mutation(kind, at, length, value)).ArrayOf().Select(a => a.Length == 0 ? [new Mutation(MutationKind.FlipBit, 0.5, 1, 0)] : a[..Math.Min(8, a.Length)]);

    /// <summary>Applies <paramref name="edits"/> in order to a copy of <paramref name="input"/>.</summary>
    public static byte[] Apply(byte[] input, IEnumerable<Mutation> edits)
    {
        var bytes = new List<byte>(input);
        foreach (Mutation m in edits)
        {
            m.ApplyTo(bytes);
        }

        return [.. bytes];
    }

    private void ApplyTo(List<byte> bytes)
    {
        int n = bytes.Count;
        int at = Math.Min(n, (int)(At * n));
        int span = Math.Min(Length, n - at);
        switch (Kind)
        {
            case MutationKind.FlipBit when at < n:
                bytes[at] ^= (byte)(1 << (Value & 7));
                break;
            case MutationKind.SetByte when at < n:
                bytes[at] = (byte)Value;
                break;
            case MutationKind.SetInt32 when at + 4 <= n:
                Span<byte> four = stackalloc byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(four, s_interestingInts[Value % s_interestingInts.Length]);
                for (int k = 0; k < 4; k++)
                {
                    bytes[at + k] = four[k];
                }

                break;
            case MutationKind.Insert:
                int value = Value;
                bytes.InsertRange(at, Enumerable.Range(0, Math.Min(Length, 64)).Select(k => (byte)(value >> (8 * (k & 3)))));
                break;
            case MutationKind.Delete:
                bytes.RemoveRange(at, span);
                break;
            case MutationKind.Duplicate:
                bytes.InsertRange(at, bytes.GetRange(at, span));
                break;
            case MutationKind.Truncate:
                bytes.RemoveRange(at, n - at);
                break;
            case MutationKind.ReplaceNumber:
                ReplaceNumber(bytes, at, s_interestingNumbers[Value % s_interestingNumbers.Length]);
                break;
        }
    }

    /// <summary>Replaces the first run of number characters at or after <paramref name="at"/> by <paramref name="number"/>.</summary>
    private static void ReplaceNumber(List<byte> bytes, int at, string number)
    {
        static bool IsNumber(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-' or (byte)'e' or (byte)'E' or (byte)'+';
        int start = at;
        while (start < bytes.Count && !(bytes[start] is >= (byte)'0' and <= (byte)'9'))
        {
            start++;
        }

        int end = start;
        while (end < bytes.Count && IsNumber(bytes[end]))
        {
            end++;
        }

        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Encoding.ASCII.GetBytes(number));
    }
}
