using System.Globalization;
using System.IO.Compression;

namespace SpikeCore.Datasets;

/// <summary>
/// The labelled sets shipped in the shared data folder (<see cref="DataPaths"/>), each checked as it is read: a
/// missing file, a malformed line or header, or sizes that disagree is an <see cref="InvalidDataException"/> (or
/// <see cref="FileNotFoundException"/>) with one line naming the file and the problem.
/// </summary>
public static class Sets
{
    /// <summary>UCI handwritten digits: rows in <c>digits.csv.gz</c>, 8 × 8 pixel counts 0-16 then the label.</summary>
    public const int DigitRows = 1797, DigitTrainRows = 1347;

    private static readonly string[] s_digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    private static readonly string[] s_fashion = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// The UCI handwritten digits (8 × 8, values 0-16) in <paramref name="folder"/> (default: the shared data's
    /// <c>digits8x8</c>), split as the project's tasks use them: the first 1,347 rows train, the last 450 test.
    /// </summary>
    public static (LabelledSet Train, LabelledSet Test) Digits8x8(string? folder = null)
    {
        string path = Path.Combine(folder ?? Path.Combine(DataPaths.Root, "digits8x8"), "digits.csv.gz");
        using TextReader reader = Open(path);
        (float[] values, int[] labels) = Named(path, () => ReadRows(reader, Path.GetFileName(path), 64, maxValue: 16, classes: 10, rows: DigitRows, firstLine: 1));
        var all = new LabelledSet("digits8x8", values, labels, 8, 8, 16, s_digits);
        return (all.Slice("digits8x8 train", 0, DigitTrainRows), all.Slice("digits8x8 test", DigitTrainRows, DigitRows - DigitTrainRows));
    }

    /// <summary>Fashion-MNIST (28 × 28, grey levels 0-255) in <paramref name="folder"/> (default: the shared data's <c>fashion-mnist</c>): its 60,000 training and 10,000 test images.</summary>
    public static (LabelledSet Train, LabelledSet Test) FashionMnist(string? folder = null)
    {
        folder ??= Path.Combine(DataPaths.Root, "fashion-mnist");
        return (ReadImages(folder, "train", "fashion-mnist train"), ReadImages(folder, "t10k", "fashion-mnist test"));
    }

    /// <summary>Fisher's Iris (4 measurements in cm, 3 classes) in <paramref name="folder"/> (default: the shared data's <c>iris</c>).</summary>
    public static LabelledSet Iris(string? folder = null)
    {
        string path = Path.Combine(folder ?? Path.Combine(DataPaths.Root, "iris"), "iris.csv");
        using TextReader reader = Open(path);
        string name = Path.GetFileName(path);

        // First line: sample count, feature count, class names.
        string[] head = (Named(path, reader.ReadLine) ?? "").Split(',');
        if (head.Length < 3 || !int.TryParse(head[0], NumberStyles.None, CultureInfo.InvariantCulture, out int rows) || rows < 1 || rows > 1_000_000
            || !int.TryParse(head[1], NumberStyles.None, CultureInfo.InvariantCulture, out int features) || features < 1 || features > 10_000)
        {
            throw new InvalidDataException($"{name}:1: expected 'samples,features,class names...' (got '{string.Join(',', head)}')");
        }

        (float[] values, int[] labels) = Named(path, () => ReadRows(reader, name, features, double.NaN, head.Length - 2, rows, firstLine: 2));
        return new LabelledSet("iris", values, labels, features, 1, double.NaN, head[2..]);
    }

    private static LabelledSet ReadImages(string folder, string part, string name)
    {
        (int[] shape, byte[] pixels) = Idx.Read(Path.Combine(folder, $"{part}-images-idx3-ubyte.gz"), 3);
        (int[] count, byte[] labels) = Idx.Read(Path.Combine(folder, $"{part}-labels-idx1-ubyte.gz"), 1);
        if (count[0] != shape[0])
        {
            throw new InvalidDataException($"{part}-labels-idx1-ubyte.gz: {count[0]} labels for {shape[0]} images");
        }

        int bad = Array.FindIndex(labels, l => l >= s_fashion.Length);
        if (bad >= 0)
        {
            throw new InvalidDataException($"{part}-labels-idx1-ubyte.gz: label {labels[bad]} of image {bad} is not a class 0-9");
        }

        return new LabelledSet(name, [.. pixels.Select(p => (float)p)], [.. labels.Select(l => (int)l)], shape[2], shape[1], 255, s_fashion);
    }

    /// <summary>Rows of <paramref name="features"/> values then a label; exactly <paramref name="rows"/> of them.</summary>
    private static (float[] Values, int[] Labels) ReadRows(TextReader reader, string name, int features, double maxValue, int classes, int rows, int firstLine)
    {
        var values = new List<float>(Math.Min(rows, 1 << 16) * features);
        var labels = new List<int>(Math.Min(rows, 1 << 16));
        int lineNumber = firstLine - 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (labels.Count == rows)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: more than the {rows} rows expected");
            }

            string[] cells = line.Split(',');
            if (cells.Length != features + 1)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: {cells.Length} values, expected {features} and a label");
            }

            for (int f = 0; f < features; f++)
            {
                if (!float.TryParse(cells[f], NumberStyles.Float, CultureInfo.InvariantCulture, out float x) || !float.IsFinite(x) || x < 0 || x > maxValue)
                {
                    string range = double.IsNaN(maxValue) ? "a finite number >= 0" : $"a number in 0..{maxValue}";
                    throw new InvalidDataException($"{name}:{lineNumber}: value {f + 1} '{cells[f].Trim()}' is not {range}");
                }

                values.Add(x);
            }

            if (!int.TryParse(cells[features], NumberStyles.None, CultureInfo.InvariantCulture, out int label) || label >= classes)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: label '{cells[features].Trim()}' is not a class 0..{classes - 1}");
            }

            labels.Add(label);
        }

        if (labels.Count != rows)
        {
            throw new InvalidDataException($"{name}: {labels.Count} rows, expected {rows}");
        }

        return ([.. values], [.. labels]);
    }

    /// <summary>Runs <paramref name="read"/>, naming <paramref name="path"/> in a corrupt archive's error (the decompressor's own message names no file).</summary>
    private static T Named<T>(string path, Func<T> read)
    {
        string name = Path.GetFileName(path);
        try
        {
            return read();
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(name, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{name}: not a readable gzip archive ({e.Message})", e);
        }
    }

    /// <summary>A reader of <paramref name="path"/>, decompressing a <c>.gz</c>; a missing file is named.</summary>
    private static StreamReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist", path);
        }

        Stream file = File.OpenRead(path);
        return new StreamReader(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file);
    }
}
