using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SpikeCore.Models.Numerics;

namespace SpikeCore.Models.Tests.Numerics;

public class AlignedArrayTests
{
    [Fact]
    public unsafe void Every_array_starts_on_a_cache_line_and_holds_its_values()
    {
        // Many allocations of both element sizes. The heap places a plain pinned array's data at more than one offset in a
        // line (checked below), so the alignment is the offset's doing, not the allocator's.
        var plainOffsets = new HashSet<long>();
        for (int length = 0; length < 200; length++)
        {
            plainOffsets.Add((long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(GC.AllocateArray<double>(length + 8, pinned: true))) % 64);
            var values = Enumerable.Range(0, length).Select(i => i * 0.5 - 7).ToArray();
            var doubles = new AlignedArray<double>(values);
            var floats = new AlignedArray<float>([.. values.Select(v => (float)v)]);
            Assert.Equal(0, (long)Unsafe.AsPointer(ref doubles.First) % 64);
            Assert.Equal(0, (long)Unsafe.AsPointer(ref floats.First) % 64);
            Assert.Equal(values, doubles.Span.ToArray());
            Assert.Equal(length, floats.Length);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal((float)values[i], floats[i]);
            }

            Assert.Throws<ArgumentOutOfRangeException>(() => doubles[length]);
            Assert.Throws<ArgumentOutOfRangeException>(() => doubles[-1]);
        }

        Assert.True(plainOffsets.Count > 1, $"plain pinned arrays all at {string.Join(", ", plainOffsets)} in a line");
    }
}
