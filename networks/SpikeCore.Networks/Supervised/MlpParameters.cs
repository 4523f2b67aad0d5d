using SpikeCore.Crossbar.Converters;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Crossbar.Training;

namespace SpikeCore.Networks.Supervised;

/// <summary>
/// An MLP trained online, in float or on arrays of a device preset: its shape, learning schedule and how its layers sit
/// on arrays.
/// </summary>
public sealed record MlpParameters
{
    /// <summary>
    /// 784-100-10 for Fashion-MNIST (the review's and NeuroSim's MLP shape): 10 epochs, η 0.05 × 0.7 per epoch, chosen in
    /// float on the last 10,000 training images held out (validation 88.4%).
    /// </summary>
    public static MlpParameters FashionMnist { get; } = new() { Hidden = [100], Epochs = 10, LearningRate = 0.05, LearningRateDecay = 0.7 };

    /// <summary>64-32-10 for the 8 × 8 digits: 30 epochs, η 0.1 × 0.9 per epoch, chosen in float on the last 300 training rows held out (96.3%).</summary>
    public static MlpParameters Digits8x8 { get; } = new() { Hidden = [32], Epochs = 30, LearningRate = 0.1, LearningRateDecay = 0.9 };

    /// <summary>Hidden layer widths.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [100];

    /// <summary>Passes over the training samples.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>η, per sample.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>The learning rate's factor per epoch (epoch e, from 0, learns at η · decay^e).</summary>
    public double LearningRateDecay { get; init; } = 1;

    /// <summary>
    /// κ: each layer's weights are bounded by w_max = κ / √fan_in (the float network clipped there too), and start uniform in
    /// ±1/√fan_in; the device range spans ±w_max. κ = 8 was chosen in float on held-out training samples (2 and 4 clip).
    /// </summary>
    public double MaxWeightScale { get; init; } = 8;

    /// <summary>The device technology of the arrays (null: the float network).</summary>
    public DevicePreset? Preset { get; init; }

    /// <summary>The update rule on arrays.</summary>
    public TrainingAlgorithm Algorithm { get; init; } = TrainingAlgorithm.Sgd;

    /// <summary>Samples whose summed update one Manhattan step follows (50 chosen on held-out digits: 1 never learned, 10 wandered).</summary>
    public int ManhattanBatch { get; init; } = 50;

    /// <summary>Tiki-Taka's transfer rate γ (0.01 chosen on held-out digits among 0.01-3).</summary>
    public double TransferRate { get; init; } = 0.01;

    /// <summary>
    /// Hardware-aware training (float only): σ of the Gaussian weight noise injected in every forward and backward pass,
    /// relative to the layer's largest weight (0: none).
    /// </summary>
    public double HardwareAwareNoise { get; init; }

    /// <summary>Input DAC bits (aihwkit's default input resolution 1/126 is 8 signed bits).</summary>
    public int DacBits { get; init; } = 8;

    /// <summary>Output ADC bits (aihwkit's default output resolution 1/510 is 10 signed bits).</summary>
    public int AdcBits { get; init; } = 10;

    /// <summary>
    /// The arrays of a layer with <paramref name="fanIn"/> inputs: differential pairs updated one-sided for a preset whose
    /// depression is an abrupt reset (PCM), one device per weight against a reference column otherwise (NeuroSim's
    /// layout); converters as <see cref="DacBits"/> and <see cref="AdcBits"/>.
    /// </summary>
    public AnalogMatrixConfig ArraysFor(int fanIn)
    {
        DevicePreset preset = Preset ?? throw new InvalidOperationException("the float network has no arrays");
        return AnalogMatrixConfig.For(preset) with { MaxWeight = MaxWeight(fanIn), Dac = new Converter(DacBits, 1, 1), Adc = new Converter(AdcBits, 1) };
    }

    /// <summary>w_max of a layer with <paramref name="fanIn"/> inputs.</summary>
    public double MaxWeight(int fanIn) => MaxWeightScale / Math.Sqrt(fanIn);

    /// <summary>One problem with the parameters, or null.</summary>
    public string? Problem() =>
        Hidden.Count == 0 || Hidden.Any(h => h is < 1 or > 100_000) ? "hidden layers need 1 to 100,000 units each, and there must be at least one"
        : Epochs is < 1 or > 10_000 ? $"epochs must be 1 to 10,000 (got {Epochs})"
        : !(LearningRate > 0) || double.IsInfinity(LearningRate) ? $"the learning rate must be a finite number > 0 (got {LearningRate})"
        : !(LearningRateDecay > 0 && LearningRateDecay <= 1) ? $"the learning rate decay must be in (0, 1] (got {LearningRateDecay})"
        : !(HardwareAwareNoise >= 0 && HardwareAwareNoise <= 1) ? $"the hardware-aware noise must be 0 to 1 of the largest weight (got {HardwareAwareNoise})"
        : ManhattanBatch is < 1 or > 1_000_000 ? $"the Manhattan batch must be 1 to 1,000,000 samples (got {ManhattanBatch})"
        : !(TransferRate > 0) || double.IsInfinity(TransferRate) ? $"the transfer rate must be a finite number > 0 (got {TransferRate})"
        : !(MaxWeightScale > 0) || double.IsInfinity(MaxWeightScale) ? $"the weight bound scale must be a finite number > 0 (got {MaxWeightScale})"
        : null;
}
