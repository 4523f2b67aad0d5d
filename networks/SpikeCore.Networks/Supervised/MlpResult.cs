namespace SpikeCore.Networks.Supervised;

/// <summary>What training an MLP gave: test accuracy after each epoch, the cost in energy, pulses and time.</summary>
/// <param name="PerEpoch">Test accuracy after each epoch.</param>
/// <param name="EnergyJ">Energy of every array (training, testing and the initial programming); 0 in float.</param>
/// <param name="ProgrammingPulses">Device pulses, the initial programming's included.</param>
/// <param name="InitialPulses">Pulses of the initial programming.</param>
/// <param name="TrainSeconds">Wall time spent training (testing excluded).</param>
/// <param name="TrainSamples">Samples learned from, over all epochs.</param>
/// <param name="WallSeconds">All wall time.</param>
public sealed record MlpResult(IReadOnlyList<double> PerEpoch, double EnergyJ, long ProgrammingPulses, long InitialPulses, double TrainSeconds, long TrainSamples, double WallSeconds)
{
    /// <summary>The final test accuracy.</summary>
    public double Accuracy => PerEpoch[^1];

    /// <summary>Training samples per second of wall time.</summary>
    public double SamplesPerSecond => TrainSamples / TrainSeconds;
}
