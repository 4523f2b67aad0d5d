using SpikeCore.Optimization.MaxCut;

namespace SpikeCore.Optimization.Tests;

public class MaxCutGraphTests
{
    private static MaxCutGraph Parse(string text) => MaxCutGraph.Parse(new StringReader(text), "test");

    [Fact]
    public void Reads_trailing_spaces_blank_lines_and_negative_weights()
    {
        MaxCutGraph g = Parse("4 4 \n1 2 1\n\n2 3 -1  \n3 4 1\n1 4 2\n");
        Assert.Equal(4, g.NodeCount);
        Assert.Equal([(0, 1, 1), (1, 2, -1), (2, 3, 1), (0, 3, 2)], g.Edges);
        Assert.Equal(3, g.TotalWeight);
        Assert.Equal([0, 2, 4, 6, 8], g.RowStart); // every edge in both rows
        Assert.Equal([1, 3], g.Neighbours[0..2]);
        Assert.Equal([1, 2], g.Weights[0..2]);
    }

    [Theory]
    [InlineData("", "line 0: expected \"nodes edges\"")]
    [InlineData("4\n", "line 1: expected \"nodes edges\"")]
    [InlineData("0 0\n", "nodes >= 1")]
    [InlineData("4 1\n1 2 x\n", "line 2: \"x\" is not an integer")]
    [InlineData("4 1\n1 2\n", "line 2: expected \"i j w\"")]
    [InlineData("4 1\n1 5 1\n", "line 2: nodes 1 and 5 must be different and in 1..4")]
    [InlineData("4 1\n0 2 1\n", "nodes 0 and 2")]
    [InlineData("4 1\n3 3 1\n", "nodes 3 and 3")]
    [InlineData("4 2\n1 2 1\n", "promises 2 edges, the file ends after 1")]
    [InlineData("4 1\n1 2 1\n2 3 1\n", "line 3: more edges than the 1")]
    [InlineData("800 2147483648\n", "line 1: expected \"nodes edges\"")]           // 2^31 edges: out of range
    [InlineData("800 1073741823\n1 2 1\n", "promises 1073741823 edges, the file ends after 1")] // was an out-of-memory: sized by the header
    [InlineData("2147483647 1\n1 2 1\n", "2147483647 nodes for 1 edges")]      // nodes no edge can touch
    public void Malformed_files_are_named_by_line(string text, string message)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => Parse(text));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "allocation sized by the header, not the file");
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("test: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        Assert.Contains("nope.txt", Assert.Throws<FileNotFoundException>(() => MaxCutGraph.Read("/no/such/nope.txt")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gset_instances_read_with_their_best_known_cuts()
    {
        string folder = DataPaths.Gset;
        MaxCutGraph g1 = MaxCutGraph.Read(Path.Combine(folder, "G1.txt"));
        Assert.Equal((800, 19176, 19176L), (g1.NodeCount, g1.Edges.Count, g1.TotalWeight));
        MaxCutGraph g6 = MaxCutGraph.Read(Path.Combine(folder, "G6.txt"));
        Assert.Contains(g6.Edges, e => e.W == -1);
        Assert.Equal(11624, BestKnownCuts.ForInstance(Path.Combine(folder, "G1.txt")));
        Assert.Null(BestKnownCuts.ForInstance(Path.Combine(Path.GetTempPath(), "G1.txt")));
    }

    [Fact]
    public void A_malformed_best_known_table_is_named()
    {
        string folder = Directory.CreateTempSubdirectory("gset-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, BestKnownCuts.FileName), "instance\tbest_known_cut\nG1\tlots\n");
            Assert.Contains("line 2", Assert.Throws<InvalidDataException>(() => BestKnownCuts.ForInstance(Path.Combine(folder, "G1.txt"))).Message, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, BestKnownCuts.FileName), "name\tcut\n");
            Assert.Contains("header", Assert.Throws<InvalidDataException>(() => BestKnownCuts.ForInstance(Path.Combine(folder, "G1.txt"))).Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
