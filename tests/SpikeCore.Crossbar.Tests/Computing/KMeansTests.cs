using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Converters;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Models.Devices;

namespace SpikeCore.Crossbar.Tests.Computing;

public class KMeansTests
{
    /// <summary>A linear device of 500 levels without spread, ideal converters: the array as exact as it gets.</summary>
    internal static readonly AnalogMatrixConfig FineArrays = new()
    {
        Array = new ArrayConfig { Preset = DevicePresets.NeuroSimTarget with { Name = "fine", Device = new LinearStepDevice { MinConductanceUs = 1, MaxConductanceUs = 21, MaxPulses = 500 } } },
        Mapping = WeightMapping.ReferenceColumn,
        Dac = new Converter(0),
        Adc = new Converter(0),
    };

    [Fact]
    public void The_best_matching_of_clusters_to_classes_agrees_with_trying_every_permutation()
    {
        var rng = new System.Random(3);
        for (int trial = 0; trial < 50; trial++)
        {
            int k = 1 + rng.Next(5), n = 1 + rng.Next(40);
            int[] clusters = [.. Enumerable.Range(0, n).Select(_ => rng.Next(k))], labels = [.. Enumerable.Range(0, n).Select(_ => rng.Next(k))];
            int best = Permutations(k).Max(p => Enumerable.Range(0, n).Count(s => p[clusters[s]] == labels[s]));
            Assert.Equal((double)best / n, ClusterAccuracy.Best(clusters, labels, k, k), 12);
        }
    }

    [Fact]
    public void Lloyd_converges_to_the_means_of_two_separated_pairs()
    {
        double[] samples = [0, 1, 10, 11], centroids = [0, 1];
        int[] clusters = KMeans.Lloyd(samples, 1, centroids);
        Assert.Equal([0, 0, 1, 1], clusters);
        Assert.Equal([0.5, 10.5], centroids);
    }

    [Fact]
    public void One_read_with_the_augmented_rows_ranks_the_centroids_by_euclidean_distance()
    {
        // Centroids of very different norms, where the dot product alone picks the wrong one (Jeong et al.'s point).
        double[] centroids = [0.9, 0.9, 0.9, 0.2, 0.3, 0.1, 0.5, 0.5, 0.5];
        var array = new ArrayKMeans(3, 3, FineArrays, seed: 1);
        array.Program(centroids);
        var rng = new System.Random(5);
        int dotWrong = 0;
        for (int s = 0; s < 300; s++)
        {
            double[] x = [rng.NextDouble(), rng.NextDouble(), rng.NextDouble()];
            int truth = KMeans.Nearest(x, centroids);
            Assert.Equal(truth, array.Nearest(x));
            dotWrong += Enumerable.Range(0, 3).MaxBy(k => x[0] * centroids[3 * k] + x[1] * centroids[(3 * k) + 1] + x[2] * centroids[(3 * k) + 2]) != truth ? 1 : 0;
        }

        Assert.True(dotWrong > 30, $"the dot product alone erred on only {dotWrong} of 300 samples: the test does not tell the norm rows' effect");
    }

    [Fact]
    public void Online_learning_on_a_fine_array_follows_the_float_rule()
    {
        // Three separated blobs in [0, 1]^2; the same starts and schedule in float and on the array: the centroids agree
        // to a few weight steps (stochastic rounding of 0.004-weight steps), and both find the blobs.
        var rng = new System.Random(7);
        double[][] blobs = [[0.2, 0.2], [0.8, 0.3], [0.5, 0.8]];
        double[] samples = [.. Enumerable.Range(0, 90).SelectMany(s => blobs[s % 3].Select(c => c + (0.05 * (rng.NextDouble() - 0.5))))];
        int[] labels = [.. Enumerable.Range(0, 90).Select(s => s % 3)];
        double[] starts = KMeans.Starts(samples, 2, 3, seed: 2, restart: 0);
        var schedule = new OnlineSchedule(Epochs: 10, LearningRate: 0.2, Decay: 0.8);
        double[] online = (double[])starts.Clone();
        KMeans.Online(samples, 2, online, schedule, seed: 2, restart: 0);
        var array = new ArrayKMeans(2, 3, FineArrays, seed: 2);
        array.Program(starts);
        foreach ((int sample, double rate) in schedule.Steps(90, seed: 2, restart: 0))
        {
            array.Learn(samples.AsSpan(sample * 2, 2), rate);
        }

        for (int k = 0; k < 3; k++)
        {
            double[] c = array.Centroid(k);
            Assert.Equal(online[2 * k], c[0], 0.01);
            Assert.Equal(online[(2 * k) + 1], c[1], 0.01);
        }

        Assert.Equal(1.0, ClusterAccuracy.Best(array.Assign(samples).Clusters, labels, 3, 3));
        Assert.True(array.Energy.Reads >= 2 * 900 && array.Energy.Pulses > 0 && array.Energy.TotalJ > 0);
    }

    private static IEnumerable<int[]> Permutations(int k) => k == 1 ? [[0]]
        : Permutations(k - 1).SelectMany(p => Enumerable.Range(0, k).Select(at => (int[])[.. p[..at], k - 1, .. p[at..]]));
}
