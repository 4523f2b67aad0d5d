using SpikeCore.Datasets;

namespace SpikeCore.Cli.Commands;

/// <summary>The labelled image sets of <c>learn</c> and <c>train</c>: loaded, optionally split for validation and cut, with bad input reported in one line.</summary>
internal static class ImageSets
{
    /// <summary>
    /// Loads digits8x8 or fashion-mnist from <paramref name="dataDir"/> (default: the shared data); with
    /// <paramref name="validation"/> the last K training samples replace the test set; then keeps the first
    /// <paramref name="trainCount"/> and <paramref name="testCount"/>, and creates <paramref name="output"/>. Null, after
    /// one line on standard error naming <paramref name="command"/> and the problem, when something is wrong.
    /// </summary>
    public static (LabelledSet Train, LabelledSet Test)? Load(string command, string data, string? dataDir, int? validation, int? trainCount, int? testCount, string output)
    {
        try
        {
            (LabelledSet train, LabelledSet test) = data == "digits8x8" ? Sets.Digits8x8(dataDir) : Sets.FashionMnist(dataDir);
            if (validation is int held)
            {
                if (held >= train.Count)
                {
                    Console.Error.WriteLine($"{command}: --validation {held} leaves no training samples ({train.Name} has {train.Count})");
                    return null;
                }

                (train, test) = (train.Slice(train.Name, 0, train.Count - held), train.Slice($"{train.Name} (last {held}, held out)", train.Count - held, held));
            }

            train = train.Slice(train.Name, 0, Math.Min(trainCount ?? train.Count, train.Count));
            test = test.Slice(test.Name, 0, Math.Min(testCount ?? test.Count, test.Count));
            Directory.CreateDirectory(output);
            return (train, test);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{command}: {e.Message}");
            return null;
        }
    }
}
