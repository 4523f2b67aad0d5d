using MathNet.Numerics.LinearAlgebra;
using SpikeCore.Reservoir.Audio;
using SpikeCore.Reservoir.Encoding;
using SpikeCore.Reservoir.Features;
using SpikeCore.Reservoir.FrontEnd;
using SpikeCore.Reservoir.Readout;
using SpikeCore.Reservoir.Reservoirs;

namespace SpikeCore.Reservoir.Tasks;

/// <summary>Spoken-digit recognition: front end, features with and without a liquid, ridge readout.</summary>
public sealed record DigitsExperiment
{
    /// <summary>The audio front end.</summary>
    public FrontEndOptions FrontEnd { get; init; } = new();

    /// <summary>The liquid (null: baseline only).</summary>
    public LsmOptions? Liquid { get; init; } = new();

    /// <summary>Time segments of the features.</summary>
    public int Segments { get; init; } = 5;

    /// <summary>Peak rate of the Poisson encoding (at two standard deviations above the utterance mean).</summary>
    public double MaxInputRateHz { get; init; } = 200;

    /// <summary>Seed of the liquid and the encoding.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Accuracies of the baseline (cochleagram features) and of the liquid (spike-count features).</summary>
    public sealed record Result(double BaselineAccuracy, double? ReservoirAccuracy, int[] TestLabels, int[] BaselinePredictions, int[]? ReservoirPredictions, double WallSeconds, double FeatureSeconds);

    /// <summary>Trains on <paramref name="train"/> and tests on <paramref name="test"/>, utterances in parallel.</summary>
    public Result Run(IReadOnlyList<DigitRecording> train, IReadOnlyList<DigitRecording> test, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        DigitRecording[] all = [.. train, .. test];
        var baseline = new double[all.Length][];
        var liquid = new double[all.Length][];
        int done = 0;
        SpikeCore.Compiled.Network? net = Liquid is { } options ? LiquidStateMachine.Build(options, FrontEnd.Channels, Seed).Build() : null;
        Parallel.For(0, all.Length, i =>
        {
            Cochleagram c = Cochleagram.Compute(WavFile.Read(all[i].Path), FrontEnd);
            baseline[i] = SegmentFeatures.Means(c.Frames, Segments);
            if (net is not null)
            {
                liquid[i] = LiquidFeatures(c, net);
            }

            progress?.Report(Interlocked.Increment(ref done) / (double)all.Length);
        });

        double featureSeconds = clock.Elapsed.TotalSeconds;
        int[] labels = all.Select(r => r.Digit).ToArray();
        int[] testLabels = labels[train.Count..];
        // Test speakers never heard in training (leave one speaker out): choose λ by leaving training speakers out in turn.
        string[] trainSpeakers = train.Select(r => r.Speaker).Distinct().ToArray();
        int[]? groups = test.All(r => !trainSpeakers.Contains(r.Speaker)) && trainSpeakers.Length > 1
            ? train.Select(r => Array.IndexOf(trainSpeakers, r.Speaker)).ToArray()
            : null;
        int[] basePredictions = Classify(baseline, labels, train.Count, groups);
        int[]? liquidPredictions = Liquid is null ? null : Classify(liquid, labels, train.Count, groups);
        return new Result(
            Metrics.Accuracy(testLabels, basePredictions),
            liquidPredictions is null ? null : Metrics.Accuracy(testLabels, liquidPredictions),
            testLabels, basePredictions, liquidPredictions, clock.Elapsed.TotalSeconds, featureSeconds);
    }

    private double[] LiquidFeatures(Cochleagram c, SpikeCore.Compiled.Network liquid)
    {
        int channels = c.Frames[0].Length;
        var inputs = new IReadOnlyList<double>[channels];
        for (int ch = 0; ch < channels; ch++)
        {
            float[] signal = c.Frames.Select(f => f[ch]).ToArray();
            inputs[ch] = PoissonRateEncoder.Encode(signal, 0, 2, MaxInputRateHz, c.HopMs, Seed, ch);
        }

        double duration = (c.Frames.Length * c.HopMs) + 20;
        return LiquidStateMachine.SegmentCounts(liquid, inputs, duration, Segments);
    }

    private static int[] Classify(double[][] features, int[] labels, int trainCount, int[]? groups)
    {
        int d = features[0].Length;
        Matrix<double> x = Matrix<double>.Build.Dense(features.Length, d, (i, j) => features[i][j]);
        Matrix<double> xTrain = x.SubMatrix(0, trainCount, 0, d), xTest = x.SubMatrix(trainCount, features.Length - trainCount, 0, d);
        Matrix<double> targets = RidgeRegression.OneHot(labels[..trainCount], 10);
        RidgeRegression ridge = groups is null
            ? RidgeRegression.FitCrossValidated(xTrain, targets, classification: true)
            : RidgeRegression.FitGroupCrossValidated(xTrain, targets, groups, classification: true);
        return ridge.Classify(xTest);
    }
}
