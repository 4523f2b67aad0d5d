using System.Buffers.Binary;

namespace SpikeCore.Datasets.Tests;

/// <summary>The idx reader against files built here, and its refusals: every one a single line naming the file, never another exception.</summary>
public class IdxTests
{
    internal static byte[] Header(int[] shape)
    {
        byte[] h = new byte[4 + (4 * shape.Length)];
        (h[2], h[3]) = (0x08, (byte)shape.Length);
        for (int d = 0; d < shape.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(4 + (4 * d)), shape[d]);
        }

        return h;
    }

    private static (int[] Shape, byte[] Values) Parse(byte[] file, int dimensions) => Idx.Parse(new MemoryStream(file), "f", dimensions);

    [Fact]
    public void A_well_formed_file_reads_back_its_shape_and_values()
    {
        byte[] values = [.. Enumerable.Range(0, 24).Select(i => (byte)(i * 7))];
        (int[] shape, byte[] read) = Parse([.. Header([2, 3, 4]), .. values], 3);
        Assert.Equal([2, 3, 4], shape);
        Assert.Equal(values, read);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0 }, "f: shorter than an idx header")]
    [InlineData(new byte[] { 0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0 }, "f: not an idx file of unsigned bytes (header 00 00 0d, expected 00 00 08)")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0, 0, 0, 1 }, "f: 3 dimensions, expected 1")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0 }, "f: header ends before dimension 1 of 1")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 0 }, "f: dimension 1 is 0 (must be >= 1)")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0x80, 0, 0, 0 }, "f: dimension 1 is -2147483648 (must be >= 1)")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 1, 2 }, "f: truncated: 2 of the 3 values its header announces (3)")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 1, 2 }, "f: more data than its header announces (1 = 1 values)")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0x7f, 0xff, 0xff, 0xff, 1 }, "f: announces more than 1073741824 values (2147483647...)")]
    public void Malformed_files_are_refused_in_one_line(byte[] file, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidDataException>(() => Parse(file, 1)).Message);

    [Fact]
    public void A_header_announcing_a_huge_image_set_is_refused_before_any_allocation()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => Parse(Header([60000, 30000, 28]), 3));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }
}
