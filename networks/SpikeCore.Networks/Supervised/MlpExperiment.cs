using System.Diagnostics;
using SpikeCore.Crossbar.Training;
using SpikeCore.Datasets;

namespace SpikeCore.Networks.Supervised;

/// <summary>
/// Trains an MLP online (one sample at a time, shuffled each epoch) in float or on arrays, and scores it on the test set
/// after every epoch. The same seed gives the float and the array network the same initial weights and sample order.
/// </summary>
public static class MlpExperiment
{
    /// <summary>Runs the experiment.</summary>
    /// <param name="train">Training samples (values divided by the set's full scale).</param>
    /// <param name="test">Test samples.</param>
    /// <param name="p">Shape, schedule, arrays.</param>
    /// <param name="seed">Seed of the weights, the order and every device draw.</param>
    /// <param name="progress">Reports the fraction done.</param>
    public static MlpResult Run(LabelledSet train, LabelledSet test, MlpParameters p, ulong seed, IProgress<double>? progress = null) =>
        Train(train, test, p, seed, progress).Result;

    /// <summary>Runs the experiment and returns the trained network with its result.</summary>
    public static (Mlp Network, MlpResult Result) Train(LabelledSet train, LabelledSet test, MlpParameters p, ulong seed, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(p);
        if (p.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(p));
        }

        if (train.Length != test.Length || train.Count == 0 || test.Count == 0)
        {
            throw new ArgumentException($"{train.Name} ({train.Count} x {train.Length}) and {test.Name} ({test.Count} x {test.Length}) must be non-empty with samples of one length");
        }

        var wall = Stopwatch.StartNew();
        Mlp network = Build(train.Length, train.ClassNames.Count, p, seed);
        long initialPulses = network.Layers.OfType<AnalogDense>().Sum(l => l.InitialProgramming.Pulses);
        (List<double> perEpoch, double trainSeconds) = OnlineTraining.Run(train, test, network.Layers, network.Train, network.Predict, p.Epochs, p.LearningRate, p.LearningRateDecay, p.HardwareAwareNoise, seed, progress);
        var analog = network.Layers.OfType<AnalogDense>().ToList();
        return (network, new MlpResult(perEpoch, analog.Sum(l => l.Energy.TotalJ), analog.Sum(l => l.Energy.Pulses), initialPulses, trainSeconds, (long)train.Count * p.Epochs, wall.Elapsed.TotalSeconds));
    }

    /// <summary>The network of <paramref name="p"/>: float layers, or array layers of its preset, with weights uniform in ±1/√fan_in from <paramref name="seed"/>.</summary>
    public static Mlp Build(int inputs, int classes, MlpParameters p, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(p);
        int[] widths = [inputs, .. p.Hidden, classes];
        var layers = new List<IDenseLayer>();
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            (int fanIn, int fanOut) = (widths[l], widths[l + 1]);
            double[] w = OnlineTraining.UniformWeights(seed, l, fanIn * fanOut, 1 / Math.Sqrt(fanIn));
            layers.Add(p.Preset is null
                ? new FloatDense(fanIn, fanOut, w, p.MaxWeight(fanIn))
                : new AnalogDense(fanIn, fanOut, w, p.ArraysFor(fanIn), p.Algorithm, seed, (uint)(l * 10_000)) { ManhattanBatch = p.ManhattanBatch, TransferRate = p.TransferRate });
        }

        return new Mlp(layers);
    }
}
