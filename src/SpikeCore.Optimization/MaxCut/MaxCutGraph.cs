using System.Globalization;

namespace SpikeCore.Optimization.MaxCut;

/// <summary>
/// An undirected graph with integer edge weights, as max-cut instances come (Gset's rudy format): the edge list and, for
/// local fields, each node's neighbours and weights in compressed rows (every edge appears in both rows).
/// </summary>
public sealed class MaxCutGraph
{
    private MaxCutGraph(string name, int nodes, (int I, int J, int W)[] edges)
    {
        Name = name;
        NodeCount = nodes;
        Edges = edges;
        RowStart = new int[nodes + 1];
        foreach ((int i, int j, _) in edges)
        {
            RowStart[i + 1]++;
            RowStart[j + 1]++;
        }

        for (int k = 0; k < nodes; k++)
        {
            RowStart[k + 1] += RowStart[k];
        }

        Neighbours = new int[2 * edges.Length];
        Weights = new int[2 * edges.Length];
        int[] next = RowStart[..^1];
        foreach ((int i, int j, int w) in edges)
        {
            (Neighbours[next[i]], Weights[next[i]++]) = (j, w);
            (Neighbours[next[j]], Weights[next[j]++]) = (i, w);
        }

        TotalWeight = edges.Sum(e => (long)e.W);
    }

    /// <summary>The instance's name (the file name without extension).</summary>
    public string Name { get; }

    /// <summary>Nodes, numbered 0..n−1 (the file's 1..n).</summary>
    public int NodeCount { get; }

    /// <summary>Edges (i, j, w), 0-based, as listed.</summary>
    public IReadOnlyList<(int I, int J, int W)> Edges { get; }

    /// <summary>Row k of the adjacency is Neighbours/Weights[RowStart[k] .. RowStart[k+1]).</summary>
    public int[] RowStart { get; }

    /// <summary>Neighbour of each adjacency entry.</summary>
    public int[] Neighbours { get; }

    /// <summary>Weight of each adjacency entry.</summary>
    public int[] Weights { get; }

    /// <summary>Σ w over the edges.</summary>
    public long TotalWeight { get; }

    /// <summary>A graph from an edge list (0-based nodes); throws naming the first bad edge.</summary>
    public static MaxCutGraph FromEdges(string name, int nodes, IEnumerable<(int I, int J, int W)> edges)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        (int I, int J, int W)[] list = [.. edges];
        for (int k = 0; k < list.Length; k++)
        {
            (int i, int j, _) = list[k];
            if (i < 0 || i >= nodes || j < 0 || j >= nodes || i == j)
            {
                throw new ArgumentException($"{name}: edge {k} ({i}, {j}) needs two different nodes in [0, {nodes})");
            }
        }

        return new MaxCutGraph(name, nodes, list);
    }

    /// <summary>Reads a rudy-format file: a line "n m", then m lines "i j w" (1-based nodes, integer weights).</summary>
    public static MaxCutGraph Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"max-cut instance '{path}' does not exist", path);
        }

        using var reader = new StreamReader(path);
        return Parse(reader, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Parses the rudy format; a malformed line, a node out of range or a wrong edge count is an <see cref="InvalidDataException"/> naming the line.</summary>
    public static MaxCutGraph Parse(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int lineNumber = 0;
        string? header = NextLine(reader, ref lineNumber);
        long[] counts = header is null ? [] : Numbers(header, name, lineNumber);
        if (counts.Length != 2 || counts[0] < 1 || counts[1] < 0 || counts[0] > int.MaxValue || counts[1] > int.MaxValue / 2)
        {
            throw new InvalidDataException($"{name}: line {lineNumber}: expected \"nodes edges\" (two non-negative integers, nodes >= 1), got \"{header}\"");
        }

        // Sized by what the file holds, never by what its header announces: a one-line file may promise 2^31 edges.
        int n = (int)counts[0], m = (int)counts[1];
        var edges = new List<(int I, int J, int W)>(Math.Min(m, 4096));
        for (int k = 0; k < m; k++)
        {
            string? line = NextLine(reader, ref lineNumber)
                ?? throw new InvalidDataException($"{name}: the header promises {m} edges, the file ends after {k}");
            long[] e = Numbers(line, name, lineNumber);
            if (e.Length != 3)
            {
                throw new InvalidDataException($"{name}: line {lineNumber}: expected \"i j w\", got \"{line}\"");
            }

            if (e[0] < 1 || e[0] > n || e[1] < 1 || e[1] > n || e[0] == e[1])
            {
                throw new InvalidDataException($"{name}: line {lineNumber}: nodes {e[0]} and {e[1]} must be different and in 1..{n}");
            }

            if (e[2] < int.MinValue || e[2] > int.MaxValue)
            {
                throw new InvalidDataException($"{name}: line {lineNumber}: weight {e[2]} is out of range");
            }

            edges.Add(((int)e[0] - 1, (int)e[1] - 1, (int)e[2]));
        }

        if (NextLine(reader, ref lineNumber) is { } extra)
        {
            throw new InvalidDataException($"{name}: line {lineNumber}: more edges than the {m} the header promises (\"{extra}\")");
        }

        if (n > MaxIsolatedNodes + (2L * m))
        {
            throw new InvalidDataException($"{name}: line 1: {n} nodes for {m} edges: at most 2 x edges + {MaxIsolatedNodes} nodes are read (isolated nodes cannot change a cut, and each costs memory)");
        }

        return new MaxCutGraph(name, n, [.. edges]);
    }

    /// <summary>Nodes beyond twice the edge count are isolated; this many are accepted, so a header cannot size memory the file does not hold.</summary>
    private const int MaxIsolatedNodes = 1 << 16;

    /// <summary>The next line that is not blank (trailing spaces are common in Gset files).</summary>
    private static string? NextLine(TextReader reader, ref int lineNumber)
    {
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                return line;
            }
        }

        return null;
    }

    private static long[] Numbers(string line, string name, int lineNumber)
    {
        string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var values = new long[parts.Length];
        for (int k = 0; k < parts.Length; k++)
        {
            if (!long.TryParse(parts[k], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[k]))
            {
                throw new InvalidDataException($"{name}: line {lineNumber}: \"{parts[k]}\" is not an integer (in \"{line}\")");
            }
        }

        return values;
    }
}
