using System.IO.Compression;
using System.Text;

namespace SpikeCore.Datasets.Tests;

/// <summary>The shipped sets read as their sources describe them, and malformed copies refused in one line naming the file.</summary>
public sealed class SetsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spikecore-sets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Digits8x8_has_1797_rows_split_1347_450_with_every_class_in_both()
    {
        (LabelledSet train, LabelledSet test) = Sets.Digits8x8();
        Assert.Equal((1347, 450, 64), (train.Count, test.Count, train.Length));

        // The first row of the file (SOURCE.txt's layout: 64 pixel counts then the label), read independently here.
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(DataPaths.Root, "digits8x8", "digits.csv.gz")), CompressionMode.Decompress));
        float[] first = [.. reader.ReadLine()!.Split(',').Select(float.Parse)];
        Assert.Equal(first[..64], train.Sample(0).ToArray());
        Assert.Equal((int)first[64], train.Labels[0]);
        Assert.All(Enumerable.Range(0, 10), c => Assert.True(train.Labels.Count(l => l == c) > 100 && test.Labels.Count(l => l == c) > 30));
        Assert.InRange(train.Values.Max(), 16, 16);
    }

    [Fact]
    public void Fashion_mnist_has_its_published_sizes_and_balanced_classes()
    {
        (LabelledSet train, LabelledSet test) = Sets.FashionMnist();
        Assert.Equal((60000, 10000, 28, 28), (train.Count, test.Count, train.Width, train.Height));

        // Xiao et al. 2017: 6,000 training and 1,000 test images per class.
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal((6000, 1000), (train.Labels.Count(l => l == c), test.Labels.Count(l => l == c))));
        Assert.Equal(255, train.Values.Max());
        Assert.Equal("Ankle boot", train.ClassNames[9]);
    }

    [Fact]
    public void Iris_has_150_samples_50_per_class()
    {
        LabelledSet iris = Sets.Iris();
        Assert.Equal((150, 4), (iris.Count, iris.Length));
        Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(50, iris.Labels.Count(l => l == c)));
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Sample(0).ToArray()); // Fisher's first specimen
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
    }

    public static TheoryData<string, string> BadDigits => new()
    {
        { "", "0 rows, expected 1797" },
        { Rows(1796), "1796 rows, expected 1797" },
        { Rows(1798), ":1798: more than the 1797 rows expected" },
        { Rows(1797).Replace("0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n", "0,0\n", StringComparison.Ordinal), ":1: 2 values, expected 64 and a label" },
        { "17" + Rows(1797)[1..], ":1: value 1 '17' is not a number in 0..16" },
        { "x" + Rows(1797)[1..], ":1: value 1 'x' is not a number in 0..16" },
        { Rows(1797)[..^2] + "10\n", ":1797: label '10' is not a class 0..9" },
        { Rows(1797)[..^2] + "-1\n", ":1797: label '-1' is not a class 0..9" },
    };

    [Theory]
    [MemberData(nameof(BadDigits))]
    public void Malformed_digits_are_refused_naming_the_file_and_line(string csv, string problem)
    {
        WriteGz(Path.Combine(_dir, "digits.csv.gz"), csv);
        var e = Assert.Throws<InvalidDataException>(() => Sets.Digits8x8(_dir));
        Assert.StartsWith("digits.csv.gz", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_missing_file_and_a_corrupt_archive_are_named()
    {
        Assert.Contains("does not exist", Assert.Throws<FileNotFoundException>(() => Sets.Digits8x8(_dir)).Message);
        File.WriteAllBytes(Path.Combine(_dir, "digits.csv.gz"), [0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var e = Assert.Throws<InvalidDataException>(() => Sets.Digits8x8(_dir));
        Assert.StartsWith("digits.csv.gz: not a readable gzip archive", e.Message);
    }

    [Fact]
    public void A_truncated_copy_of_a_real_archive_is_refused_naming_it()
    {
        byte[] whole = File.ReadAllBytes(Path.Combine(DataPaths.Root, "fashion-mnist", "t10k-labels-idx1-ubyte.gz"));
        string path = Path.Combine(_dir, "t10k-labels-idx1-ubyte.gz");
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path, 1));
        Assert.StartsWith("t10k-labels-idx1-ubyte.gz: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Iris_rows_must_match_their_header()
    {
        File.WriteAllText(Path.Combine(_dir, "iris.csv"), "3,4,a,b\n1,2,3,4,0\n1,2,3,4,1\n");
        Assert.Equal("iris.csv: 2 rows, expected 3", Assert.Throws<InvalidDataException>(() => Sets.Iris(_dir)).Message);
        File.WriteAllText(Path.Combine(_dir, "iris.csv"), "2,4,a,b\n1,2,3,4,0\n1,2,3,4,2\n");
        Assert.Equal("iris.csv:3: label '2' is not a class 0..1", Assert.Throws<InvalidDataException>(() => Sets.Iris(_dir)).Message);
        File.WriteAllText(Path.Combine(_dir, "iris.csv"), "two,4,a,b\n");
        Assert.StartsWith("iris.csv:1: expected 'samples,features,class names...'", Assert.Throws<InvalidDataException>(() => Sets.Iris(_dir)).Message);
    }

    [Fact]
    public void Fashion_labels_must_match_their_images()
    {
        WriteIdx(Path.Combine(_dir, "train-images-idx3-ubyte.gz"), [3, 2, 2], new byte[12]);
        WriteIdx(Path.Combine(_dir, "train-labels-idx1-ubyte.gz"), [2], [1, 2]);
        Assert.Equal("train-labels-idx1-ubyte.gz: 2 labels for 3 images", Assert.Throws<InvalidDataException>(() => Sets.FashionMnist(_dir)).Message);
        WriteIdx(Path.Combine(_dir, "train-labels-idx1-ubyte.gz"), [3], [1, 2, 10]);
        Assert.Equal("train-labels-idx1-ubyte.gz: label 10 of image 2 is not a class 0-9", Assert.Throws<InvalidDataException>(() => Sets.FashionMnist(_dir)).Message);
    }

    /// <summary><paramref name="count"/> all-zero digit rows with label 0.</summary>
    private static string Rows(int count) => string.Concat(Enumerable.Repeat(string.Join(',', Enumerable.Repeat("0", 65)) + "\n", count));

    private static void WriteGz(string path, string text)
    {
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gz.Write(Encoding.ASCII.GetBytes(text));
    }

    internal static void WriteIdx(string path, int[] shape, byte[] values)
    {
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gz.Write(IdxTests.Header(shape));
        gz.Write(values);
    }
}
