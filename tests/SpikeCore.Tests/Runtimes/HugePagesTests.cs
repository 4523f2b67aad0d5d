using System.Runtime.InteropServices;
using SpikeCore.Runtimes;

namespace SpikeCore.Tests.Runtimes;

public class HugePagesTests
{
    [Fact]
    public void Blocks_are_distinct_aligned_to_a_huge_page_and_writable_whole()
    {
        // A huge page backs only a 2 MiB-aligned range: a block off that alignment could never get one.
        var blocks = new List<nint>();
        var pattern = new byte[HugePages.Bytes];
        for (int k = 0; k < 3; k++)
        {
            nint block = HugePages.Rent();
            Assert.Equal(0, block % HugePages.Bytes);
            Array.Fill(pattern, (byte)(k + 1));
            Marshal.Copy(pattern, 0, block, HugePages.Bytes); // every byte is ours to write
            Assert.Equal(k + 1, Marshal.ReadByte(block, HugePages.Bytes - 1));
            blocks.Add(block);
        }

        Assert.Equal(3, blocks.Distinct().Count());
        foreach (nint b in blocks)
        {
            HugePages.Return(b);
        }
    }
}
