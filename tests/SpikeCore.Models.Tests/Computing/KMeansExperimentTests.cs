using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Datasets;
using SpikeCore.Networks.Computing;

namespace SpikeCore.Models.Tests.Computing;

public class KMeansExperimentTests
{
    [Fact]
    public void Float_kmeans_on_iris_reaches_the_published_89_percent_from_its_best_start()
    {
        // K-means on the raw Iris measurements: 134 of 150 right at its usual optimum (scikit-learn's 0.893; the issue's
        // "about 89%"). The one-factor scaling keeps that optimum.
        LabelledSet iris = Sets.Iris();
        double[] x = KMeansExperiment.Normalised(iris);
        double best = Enumerable.Range(0, 10).Max(r =>
        {
            double[] c = KMeans.Starts(x, 4, 3, seed: 1, restart: r);
            return ClusterAccuracy.Best(KMeans.Lloyd(x, 4, c), iris.Labels, 3, 3);
        });
        Assert.Equal(134.0 / 150, best, 12);
    }

    [Fact]
    public void Iris_on_arrays_is_repeatable_and_counts_its_energy()
    {
        KMeansResult a = KMeansExperiment.Run(Sets.Iris(), DevicePresets.Table1Target, new OnlineSchedule(Epochs: 5), restarts: 2, seed: 4);
        KMeansResult b = KMeansExperiment.Run(Sets.Iris(), DevicePresets.Table1Target, new OnlineSchedule(Epochs: 5), restarts: 2, seed: 4);
        Assert.Equal(a.Runs, b.Runs);
        Assert.All(a.Runs, r => Assert.True(r.EnergyJ > r.ProgrammingJ && r.ProgrammingJ > 0 && r.Reads >= 5 * 150 * 2));
    }
}
