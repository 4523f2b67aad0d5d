using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Datasets;

namespace SpikeCore.Networks.Computing;

/// <summary>
/// K-means on a labelled set, K = its classes, from several seeded starts: online on arrays of a preset
/// (<see cref="ArrayKMeans"/>), the same online schedule in float, and Lloyd's batch algorithm in float from the same
/// starts; each scored against the labels by the best matching of clusters to classes, and each solver's best start
/// chosen by its own within-cluster sum of squares.
/// </summary>
public static class KMeansExperiment
{
    /// <summary>
    /// Maps <paramref name="set"/> into [0, 1]: each feature shifted by its minimum over the set, all divided by the
    /// largest feature range, so that distances keep their proportions and K-means finds the clusters it finds on the raw values.
    /// </summary>
    public static double[] Normalised(LabelledSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        int d = set.Length;
        var lo = new double[d];
        Array.Fill(lo, double.PositiveInfinity);
        double range = 0;
        for (int i = 0; i < d; i++)
        {
            double hi = double.NegativeInfinity;
            for (int s = 0; s < set.Count; s++)
            {
                (lo[i], hi) = (Math.Min(lo[i], set.Values[(s * d) + i]), Math.Max(hi, set.Values[(s * d) + i]));
            }

            range = Math.Max(range, hi - lo[i]);
        }

        var x = new double[set.Values.Length];
        for (int k = 0; k < x.Length && range > 0; k++)
        {
            x[k] = (set.Values[k] - lo[k % d]) / range;
        }

        return x;
    }

    /// <summary>Runs <paramref name="restarts"/> starts of every solver on <paramref name="set"/>.</summary>
    public static KMeansResult Run(LabelledSet set, DevicePreset preset, OnlineSchedule schedule, int restarts, ulong seed, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(schedule);
        int d = set.Length, k = set.ClassNames.Count;
        double[] x = Normalised(set);
        var runs = new KMeansRun[restarts];
        var wall = System.Diagnostics.Stopwatch.StartNew();
        for (int r = 0; r < restarts; r++)
        {
            double[] starts = KMeans.Starts(x, d, k, seed, r);
            double[] lloyd = (double[])starts.Clone();
            double lloydAccuracy = ClusterAccuracy.Best(KMeans.Lloyd(x, d, lloyd), set.Labels, k, k), lloydInertia = KMeans.Inertia(x, d, lloyd);
            double[] online = (double[])starts.Clone();
            KMeans.Online(x, d, online, schedule, seed, r);
            double onlineAccuracy = ClusterAccuracy.Best(KMeans.Assign(x, d, online), set.Labels, k, k), onlineInertia = KMeans.Inertia(x, d, online);

            var array = new ArrayKMeans(d, k, AnalogMatrixConfig.For(preset), seed, r);
            array.Program(starts);
            double programmingJ = array.Energy.TotalJ;
            foreach ((int sample, double rate) in schedule.Steps(set.Count, seed, r))
            {
                array.Learn(x.AsSpan(sample * d, d), rate);
            }

            (int[] clusters, double arrayInertia) = array.Assign(x);
            double arrayAccuracy = ClusterAccuracy.Best(clusters, set.Labels, k, k);
            runs[r] = new KMeansRun(arrayAccuracy, arrayInertia, onlineAccuracy, onlineInertia, lloydAccuracy, lloydInertia, array.Energy.TotalJ, programmingJ, array.Energy.Reads, array.Energy.Pulses);
            progress?.Report((r + 1.0) / restarts);
        }

        return new KMeansResult(set.Name, preset.Name, set.Count, d, k, runs, wall.Elapsed.TotalSeconds);
    }
}
