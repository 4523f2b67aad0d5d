using System.Diagnostics;
using SpikeCore.Crossbar.Training;
using SpikeCore.Datasets;
using SpikeCore.Random;

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
        float[] trainX = Normalised(train), testX = Normalised(test);
        long initialPulses = network.Layers.OfType<AnalogDense>().Sum(l => l.InitialProgramming.Pulses);
        var perEpoch = new List<double>();
        var order = Enumerable.Range(0, train.Count).ToArray();
        double trainSeconds = 0;
        var noise = KeyedRandom.Create(seed, StreamPurpose.TrainingNoise, 0);
        for (int epoch = 0; epoch < p.Epochs; epoch++)
        {
            var rng = KeyedRandom.Create(seed, StreamPurpose.TrainingOrder, (ulong)epoch);
            for (int k = order.Length - 1; k > 0; k--)
            {
                int j = rng.NextInt(k + 1);
                (order[k], order[j]) = (order[j], order[k]);
            }

            double rate = p.LearningRate * Math.Pow(p.LearningRateDecay, epoch);
            long started = Stopwatch.GetTimestamp();
            for (int k = 0; k < order.Length; k++)
            {
                InjectNoise(network.Layers, p.HardwareAwareNoise, ref noise);
                network.Train(trainX.AsSpan(order[k] * train.Length, train.Length), train.Labels[order[k]], rate);
                if ((k & 1023) == 0)
                {
                    progress?.Report((epoch + ((double)k / order.Length)) / p.Epochs);
                }
            }

            InjectNoise(network.Layers, 0, ref noise);
            trainSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            int correct = 0;
            for (int k = 0; k < test.Count; k++)
            {
                correct += network.Predict(testX.AsSpan(k * test.Length, test.Length)) == test.Labels[k] ? 1 : 0;
            }

            perEpoch.Add((double)correct / test.Count);
        }

        progress?.Report(1);
        var analog = network.Layers.OfType<AnalogDense>().ToList();
        return (network, new MlpResult(perEpoch, analog.Sum(l => l.Energy.TotalJ), analog.Sum(l => l.Energy.Pulses), initialPulses, trainSeconds, (long)train.Count * p.Epochs, wall.Elapsed.TotalSeconds));
    }

    /// <summary>Hardware-aware training: fresh weight noise of relative σ on every float layer for the next sample (σ 0: clean weights).</summary>
    internal static void InjectNoise(IEnumerable<IDenseLayer> layers, double relativeSigma, ref KeyedRandom rng)
    {
        foreach (FloatDense layer in layers.OfType<FloatDense>())
        {
            if (relativeSigma > 0)
            {
                layer.InjectNoise(relativeSigma, ref rng);
            }
            else
            {
                layer.ClearNoise();
            }
        }
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
            var rng = KeyedRandom.Create(seed, StreamPurpose.TrainingWeights, (ulong)l);
            double bound = 1 / Math.Sqrt(fanIn);
            double[] w = [.. Enumerable.Range(0, fanIn * fanOut).Select(_ => bound * ((2 * rng.NextDouble()) - 1))];
            layers.Add(p.Preset is null
                ? new FloatDense(fanIn, fanOut, w, p.MaxWeight(fanIn))
                : new AnalogDense(fanIn, fanOut, w, p.ArraysFor(fanIn), p.Algorithm, seed, (uint)(l * 10_000)) { ManhattanBatch = p.ManhattanBatch, TransferRate = p.TransferRate });
        }

        return new Mlp(layers);
    }

    /// <summary>The set's values divided by its full scale.</summary>
    internal static float[] Normalised(LabelledSet set)
    {
        var x = new float[set.Values.Length];
        float scale = (float)(1 / set.MaxValue);
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = set.Values[k] * scale;
        }

        return x;
    }
}
