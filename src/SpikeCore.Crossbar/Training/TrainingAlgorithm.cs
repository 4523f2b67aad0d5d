namespace SpikeCore.Crossbar.Training;

/// <summary>How a layer held in arrays turns its gradient −η x dᵀ into device pulses (review section 5.1; aihwkit's optimisers).</summary>
public enum TrainingAlgorithm
{
    /// <summary>
    /// Plain pulsed SGD: the stochastic outer product (Gokmen and Vlasov 2016), every device at once, each coincidence of
    /// its row's and column's pulse trains one pulse.
    /// </summary>
    Sgd,

    /// <summary>
    /// The Manhattan rule (Prezioso et al. 2015; Zamanidoost et al. 2015): one pulse of the update's sign on every weight
    /// whose update reaches half a device step, none elsewhere.
    /// </summary>
    Manhattan,

    /// <summary>
    /// Write-verify of every weight whose update reaches half a device step: read, pulse, read again until the device
    /// holds the intended change (NeuroSim's closed-loop option; costs verify reads).
    /// </summary>
    WriteVerify,

    /// <summary>
    /// Tiki-Taka v2 (Gokmen 2021, aihwkit's BufferedTransfer): pulsed SGD on a fast array whose zero is its devices'
    /// symmetry point; each sample one row of it is read and added to a digital buffer, whose whole device steps are
    /// pulsed into the slow array that holds the weights.
    /// </summary>
    TikiTaka,

    /// <summary>
    /// Mixed precision (Nandakumar et al. 2020, aihwkit's MixedPrecisionCompound): updates accumulate in a digital matrix χ;
    /// where |χ| holds whole device steps, that many pulses are applied and subtracted.
    /// </summary>
    MixedPrecision,
}

/// <summary>Names of the algorithms on the command line and in JSON.</summary>
public static class TrainingAlgorithms
{
    /// <summary>Every algorithm, in table order.</summary>
    public static IReadOnlyList<TrainingAlgorithm> All { get; } = Enum.GetValues<TrainingAlgorithm>();

    /// <summary>The algorithm's name: sgd, manhattan, write-verify, ttv2, mixed.</summary>
    public static string Name(this TrainingAlgorithm algorithm) => algorithm switch
    {
        TrainingAlgorithm.Sgd => "sgd",
        TrainingAlgorithm.Manhattan => "manhattan",
        TrainingAlgorithm.WriteVerify => "write-verify",
        TrainingAlgorithm.TikiTaka => "ttv2",
        _ => "mixed",
    };

    /// <summary>The algorithm named <paramref name="name"/>, or null.</summary>
    public static TrainingAlgorithm? Find(string name) => All.Cast<TrainingAlgorithm?>().FirstOrDefault(a => a!.Value.Name() == name);
}
