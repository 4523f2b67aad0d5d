using System.Diagnostics;
using SpikeCore.Crossbar.Training;
using SpikeCore.Datasets;
using SpikeCore.Random;

namespace SpikeCore.Networks.Supervised;

/// <summary>
/// Trains the <see cref="SmallCnn"/> in float (optionally hardware-aware: weight noise injected), one sample at a time,
/// for programming into arrays afterwards.
/// </summary>
public static class CnnExperiment
{
    /// <summary>Passes over the training images (held-out accuracy still rose at 8).</summary>
    public const int DefaultEpochs = 10;

    /// <summary>η per sample, × <see cref="DefaultDecay"/> per epoch (0.01 reached 89.3% on the last 10,000 training images held out, 0.02 88.0%, with 8 and 16 channels).</summary>
    public const double DefaultLearningRate = 0.01, DefaultDecay = 0.8;

    /// <summary>Trains a fresh network; returns it with its test accuracy after each epoch and the training wall time.</summary>
    public static (SmallCnn Network, IReadOnlyList<double> PerEpoch, double TrainSeconds) Train(LabelledSet train, LabelledSet test, int epochs, double learningRate, double decay, double hardwareAwareNoise, ulong seed, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.Width != SmallCnn.Side || train.Height != SmallCnn.Side)
        {
            throw new ArgumentException($"the CNN takes {SmallCnn.Side} x {SmallCnn.Side} images ({train.Name} has {train.Width} x {train.Height}): use fashion-mnist");
        }

        // He-uniform for the ReLU convolutions, ±1/√fan_in for the dense layer.
        var layers = SmallCnn.Shapes(train.ClassNames.Count).Select((shape, l) =>
        {
            var rng = KeyedRandom.Create(seed, StreamPurpose.TrainingWeights, (ulong)l);
            double bound = l < 2 ? Math.Sqrt(6.0 / shape.Inputs) : 1 / Math.Sqrt(shape.Inputs);
            return new FloatDense(shape.Inputs, shape.Outputs, [.. Enumerable.Range(0, shape.Inputs * shape.Outputs).Select(_ => bound * ((2 * rng.NextDouble()) - 1))]);
        }).ToArray();
        var network = new SmallCnn(layers[0], layers[1], layers[2]);
        float[] trainX = MlpExperiment.Normalised(train), testX = MlpExperiment.Normalised(test);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var noise = KeyedRandom.Create(seed, StreamPurpose.TrainingNoise, 0);
        var perEpoch = new List<double>();
        double seconds = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var rng = KeyedRandom.Create(seed, StreamPurpose.TrainingOrder, (ulong)epoch);
            for (int k = order.Length - 1; k > 0; k--)
            {
                int j = rng.NextInt(k + 1);
                (order[k], order[j]) = (order[j], order[k]);
            }

            double rate = learningRate * Math.Pow(decay, epoch);
            long started = Stopwatch.GetTimestamp();
            for (int k = 0; k < order.Length; k++)
            {
                MlpExperiment.InjectNoise(layers, hardwareAwareNoise, ref noise);
                network.Train(trainX.AsSpan(order[k] * train.Length, train.Length), train.Labels[order[k]], rate);
                if ((k & 1023) == 0)
                {
                    progress?.Report((epoch + ((double)k / order.Length)) / epochs);
                }
            }

            MlpExperiment.InjectNoise(layers, 0, ref noise);
            seconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            perEpoch.Add(Accuracy(network.Predict, testX, test));
        }

        progress?.Report(1);
        return (network, perEpoch, seconds);
    }

    /// <summary>The fraction of <paramref name="set"/> (normalised values <paramref name="x"/>) that <paramref name="classify"/> gets right.</summary>
    internal static double Accuracy(Classifier classify, float[] x, LabelledSet set)
    {
        int correct = 0;
        for (int k = 0; k < set.Count; k++)
        {
            correct += classify(x.AsSpan(k * set.Length, set.Length)) == set.Labels[k] ? 1 : 0;
        }

        return (double)correct / set.Count;
    }
}
