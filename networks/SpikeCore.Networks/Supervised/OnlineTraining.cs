using System.Diagnostics;
using SpikeCore.Crossbar.Training;
using SpikeCore.Datasets;
using SpikeCore.Random;

namespace SpikeCore.Networks.Supervised;

/// <summary>One step of learning: a sample (values in [0, 1]), its class and the learning rate.</summary>
public delegate void TrainStep(ReadOnlySpan<float> sample, int label, double learningRate);

/// <summary>
/// The schedule every supervised experiment here shares: epochs of one sample at a time in a seeded shuffled order,
/// η decayed by a factor per epoch, optional weight noise on the float layers (hardware-aware training), and the test
/// accuracy after each epoch. The same seed gives the same order to the float and the array networks.
/// </summary>
internal static class OnlineTraining
{
    /// <summary>Runs the schedule; returns the test accuracy after each epoch and the wall time spent learning.</summary>
    public static (List<double> PerEpoch, double TrainSeconds) Run(LabelledSet train, LabelledSet test, IReadOnlyList<IDenseLayer> layers, TrainStep step, Classifier classify,
        int epochs, double learningRate, double decay, double weightNoise, ulong seed, IProgress<double>? progress)
    {
        float[] trainX = train.Scaled(), testX = test.Scaled();
        FloatDense[] noisy = weightNoise > 0 ? [.. layers.OfType<FloatDense>()] : [];
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
                foreach (FloatDense layer in noisy)
                {
                    layer.InjectNoise(weightNoise, ref noise);
                }

                step(trainX.AsSpan(order[k] * train.Length, train.Length), train.Labels[order[k]], rate);
                if ((k & 1023) == 0)
                {
                    progress?.Report((epoch + ((double)k / order.Length)) / epochs);
                }
            }

            foreach (FloatDense layer in noisy)
            {
                layer.ClearNoise();
            }

            seconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            perEpoch.Add(Accuracy(classify, testX, test));
        }

        progress?.Report(1);
        return (perEpoch, seconds);
    }

    /// <summary>The fraction of <paramref name="set"/> (scaled values <paramref name="x"/>) that <paramref name="classify"/> gets right.</summary>
    public static double Accuracy(Classifier classify, float[] x, LabelledSet set)
    {
        int correct = 0;
        for (int k = 0; k < set.Count; k++)
        {
            correct += classify(x.AsSpan(k * set.Length, set.Length)) == set.Labels[k] ? 1 : 0;
        }

        return (double)correct / set.Count;
    }

    /// <summary>Layer <paramref name="layer"/>'s initial weights: <paramref name="count"/> draws uniform in ±<paramref name="bound"/> from the seed's weight stream.</summary>
    public static double[] UniformWeights(ulong seed, int layer, int count, double bound)
    {
        var rng = KeyedRandom.Create(seed, StreamPurpose.TrainingWeights, (ulong)layer);
        return [.. Enumerable.Range(0, count).Select(_ => bound * ((2 * rng.NextDouble()) - 1))];
    }
}
