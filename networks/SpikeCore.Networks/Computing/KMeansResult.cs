namespace SpikeCore.Networks.Computing;

/// <summary>One start of K-means: accuracy against the labels on arrays, online in float and by Lloyd's algorithm; the arrays' energy, reads and pulses.</summary>
public sealed record KMeansRun(double ArrayAccuracy, double OnlineFloatAccuracy, double LloydAccuracy, double EnergyJ, double ProgrammingJ, long Reads, long Pulses);

/// <summary>Every start of a K-means experiment, with their means.</summary>
public sealed record KMeansResult(string Data, string Preset, int Samples, int Features, int Clusters, IReadOnlyList<KMeansRun> Runs, double WallSeconds)
{
    /// <summary>Mean accuracy on arrays.</summary>
    public double Accuracy => Runs.Average(r => r.ArrayAccuracy);

    /// <summary>Mean accuracy of the same online schedule in float.</summary>
    public double OnlineFloatAccuracy => Runs.Average(r => r.OnlineFloatAccuracy);

    /// <summary>Mean accuracy of Lloyd's batch K-means in float from the same starts.</summary>
    public double ReferenceAccuracy => Runs.Average(r => r.LloydAccuracy);

    /// <summary>Mean energy of one start on arrays, programming included.</summary>
    public double EnergyJ => Runs.Average(r => r.EnergyJ);
}
