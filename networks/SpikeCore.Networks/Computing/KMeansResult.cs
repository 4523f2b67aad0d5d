namespace SpikeCore.Networks.Computing;

/// <summary>
/// One start of K-means: accuracy against the labels and within-cluster sum of squares on arrays (as their reads see
/// it), online in float and by Lloyd's algorithm; the arrays' energy, reads and pulses.
/// </summary>
public sealed record KMeansRun(double ArrayAccuracy, double ArrayInertia, double OnlineFloatAccuracy, double OnlineFloatInertia, double LloydAccuracy, double LloydInertia,
    double EnergyJ, double ProgrammingJ, long Reads, long Pulses);

/// <summary>
/// Every start of a K-means experiment: each solver's mean accuracy over the starts, and the accuracy of its best start,
/// the one with the smallest within-cluster sum of squares by its own measure (the usual choice among restarts,
/// scikit-learn's n_init).
/// </summary>
public sealed record KMeansResult(string Data, string Preset, int Samples, int Features, int Clusters, IReadOnlyList<KMeansRun> Runs, double WallSeconds)
{
    /// <summary>Mean accuracy on arrays.</summary>
    public double Accuracy => Runs.Average(r => r.ArrayAccuracy);

    /// <summary>Mean accuracy of the same online schedule in float.</summary>
    public double OnlineFloatAccuracy => Runs.Average(r => r.OnlineFloatAccuracy);

    /// <summary>Mean accuracy of Lloyd's batch K-means in float from the same starts.</summary>
    public double ReferenceAccuracy => Runs.Average(r => r.LloydAccuracy);

    /// <summary>Accuracy on arrays of the start whose arrays read the smallest sum of squares.</summary>
    public double BestStartAccuracy => Runs.MinBy(r => r.ArrayInertia)!.ArrayAccuracy;

    /// <summary>Accuracy of the online rule in float, best start by its sum of squares.</summary>
    public double BestStartOnlineFloatAccuracy => Runs.MinBy(r => r.OnlineFloatInertia)!.OnlineFloatAccuracy;

    /// <summary>Accuracy of Lloyd's algorithm, best start by its sum of squares.</summary>
    public double BestStartReferenceAccuracy => Runs.MinBy(r => r.LloydInertia)!.LloydAccuracy;

    /// <summary>Mean energy of one start on arrays, programming included.</summary>
    public double EnergyJ => Runs.Average(r => r.EnergyJ);
}
