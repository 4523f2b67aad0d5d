namespace SpikeCore.Networks.Supervised;

/// <summary>How training the letter perceptron went.</summary>
/// <param name="PerEpoch">The fraction of the 30 patterns right before each epoch's update (the last entry: after training).</param>
/// <param name="ConvergedEpoch">The updates it took until all 30 were right (−1: never within the epochs allowed).</param>
/// <param name="EnergyJ">The array's energy: programming (initial included), reads, half-selection.</param>
/// <param name="TrainingPulses">Pulses of the Manhattan updates.</param>
/// <param name="InitialPulses">Pulses of the initial write-verify.</param>
public sealed record PerceptronResult(IReadOnlyList<double> PerEpoch, int ConvergedEpoch, double EnergyJ, long TrainingPulses, long InitialPulses);
