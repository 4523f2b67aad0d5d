using System.Globalization;

namespace SpikeCore.Crossbar.Circuit;

/// <summary>
/// Reads a matrix of numbers from a comma-separated text file: one row per line (blank lines ignored), every row as
/// long as the first; a vector may also stand one value per line. Memory grows with what the file holds, never with a
/// count it announces. Problems are an <see cref="InvalidDataException"/> naming the file, line and value.
/// </summary>
public static class MatrixCsv
{
    /// <summary>The values (row-major), rows and columns of the matrix in <paramref name="path"/>; at most <paramref name="maxValues"/> values.</summary>
    public static (double[] Values, int Rows, int Columns) Read(string path, long maxValues = 1L << 26)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist", path);
        }

        using var reader = new StreamReader(path);
        return Parse(reader, path, maxValues);
    }

    /// <summary>As <see cref="Read"/>, from <paramref name="reader"/>; <paramref name="name"/> labels errors.</summary>
    public static (double[] Values, int Rows, int Columns) Parse(TextReader reader, string name, long maxValues = 1L << 26)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var values = new List<double>();
        int rows = 0, columns = 0, lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            string[] cells = line.Split(',');
            if (rows > 0 && cells.Length != columns)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: {cells.Length} values, but the first row has {columns}");
            }

            if (values.Count + (long)cells.Length > maxValues)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: more than {maxValues} values");
            }

            foreach (string cell in cells)
            {
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x))
                {
                    throw new InvalidDataException($"{name}:{lineNumber}: '{cell.Trim()}' is not a finite number");
                }

                values.Add(x);
            }

            columns = cells.Length;
            rows++;
        }

        return rows == 0 ? throw new InvalidDataException($"{name}: no values") : ([.. values], rows, columns);
    }
}
