using System.Globalization;

namespace SpikeCore.Optimization.MaxCut;

/// <summary>
/// The best cuts known in the literature, read from a tab-separated table with a header naming at least the columns
/// <c>instance</c> and <c>best_known_cut</c> (Gset's best-known.tsv).
/// </summary>
public static class BestKnownCuts
{
    /// <summary>The file name looked for beside an instance.</summary>
    public const string FileName = "best-known.tsv";

    /// <summary>Instance name → best known cut; a malformed table is an <see cref="InvalidDataException"/> naming the line.</summary>
    public static IReadOnlyDictionary<string, long> Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] header = lines.Length > 0 ? lines[0].Split('\t') : [];
        int name = Array.IndexOf(header, "instance"), cut = Array.IndexOf(header, "best_known_cut");
        if (name < 0 || cut < 0)
        {
            throw new InvalidDataException($"{path}: line 1: the header needs the columns 'instance' and 'best_known_cut'");
        }

        var table = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int k = 1; k < lines.Length; k++)
        {
            if (string.IsNullOrWhiteSpace(lines[k]))
            {
                continue;
            }

            string[] fields = lines[k].Split('\t');
            if (fields.Length <= Math.Max(name, cut) || !long.TryParse(fields[cut], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                throw new InvalidDataException($"{path}: line {k + 1}: expected an instance name and an integer best_known_cut");
            }

            table[fields[name]] = value;
        }

        return table;
    }

    /// <summary>The best known cut of the instance at <paramref name="instancePath"/>, from the table beside it (null: no table or no row).</summary>
    public static long? ForInstance(string instancePath)
    {
        string table = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(instancePath)) ?? ".", FileName);
        return File.Exists(table) && Read(table).TryGetValue(Path.GetFileNameWithoutExtension(instancePath), out long cut) ? cut : null;
    }
}
