namespace SpikeCore.Cli.Commands;

/// <summary>The results of a random search, best first: written to search.csv and printed as a markdown table.</summary>
internal static class SearchTable
{
    /// <summary>One configuration: its number, parameters, and result columns as written to the CSV and as shown.</summary>
    public readonly record struct Row(int Number, IReadOnlyDictionary<string, string> Parameters, string[] Csv, string[] Shown);

    /// <summary>Writes search.csv into <paramref name="folder"/> (returned) and, when <paramref name="print"/>, the table under <paramref name="title"/>.</summary>
    public static string Write(string folder, string title, string[] csvColumns, string[] shownColumns, IReadOnlyList<Row> rows, bool print)
    {
        string[] names = [.. rows[0].Parameters.Keys];
        Directory.CreateDirectory(folder);
        string csv = Path.Combine(folder, "search.csv");
        File.WriteAllLines(csv, rows.Select(r => string.Join(",", [Number(r), .. names.Select(n => r.Parameters[n]), .. r.Csv]))
            .Prepend(string.Join(",", ["trial", .. names, .. csvColumns])));
        if (print)
        {
            Console.WriteLine(title);
            Console.WriteLine("| trial | " + string.Join(" | ", [.. names, .. shownColumns]) + " |");
            Console.WriteLine("|" + string.Concat(Enumerable.Repeat("---|", 1 + names.Length + shownColumns.Length)));
            foreach (Row r in rows)
            {
                Console.WriteLine("| " + string.Join(" | ", [Number(r), .. names.Select(n => r.Parameters[n]), .. r.Shown]) + " |");
            }

            Console.WriteLine($"wrote {csv}");
        }

        return csv;
    }

    private static string Number(Row r) => r.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
