using MathNet.Numerics.LinearAlgebra;
using SpikeCore.Reservoir.Audio;
using SpikeCore.Reservoir.Encoding;
using SpikeCore.Reservoir.Features;
using SpikeCore.Reservoir.FrontEnd;
using SpikeCore.Reservoir.Readout;
using SpikeCore.Reservoir.Reservoirs;

namespace SpikeCore.Reservoir.Tasks;

/// <summary>Spoken-digit recognition: front end, features with and without a reservoir (liquid or devices), ridge readout.</summary>
public sealed record DigitsExperiment
{
    /// <summary>The audio front end: 64 gammatone channels, log compression (the best of the search, README).</summary>
    public FrontEndOptions FrontEnd { get; init; } = new() { Channels = 64 };

    /// <summary>The reservoir (<see cref="ReservoirKind.None"/>: the baseline only).</summary>
    public ReservoirKind Reservoir { get; init; } = ReservoirKind.Esn;

    /// <summary>
    /// The liquid, when <see cref="Reservoir"/> is <see cref="ReservoirKind.Lsm"/>: 512 neurons with Maass 2002 structure
    /// and synapses, recurrent weights at 0.18 of Maass's, input weight 8.65 mV with probability 0.18, λ = 2.8 (the best
    /// of the random search on the validation split, README).
    /// </summary>
    public LsmOptions Liquid { get; init; } = new() { InputWeight = 8.65, InputConnectivity = 0.18, RecurrentScale = 0.18, Lambda = 2.8 };

    /// <summary>How the cochleagram becomes the liquid's input spikes.</summary>
    public SpikeEncoding Encoding { get; init; } = SpikeEncoding.LifCurrent;

    /// <summary>
    /// The device reservoir, when <see cref="Reservoir"/> is <see cref="ReservoirKind.Device"/>: one device per channel
    /// with 4 virtual nodes per frame (each frame's channel value, scaled to [0, 1] over the utterance, sets the pulses);
    /// slow devices (k = 121/s, γ1 = 16.5/s spread by e^±1.45) pulsed every 0.2 ms up to 14 mV: the search's best.
    /// </summary>
    public DeviceReservoirOptions Device { get; init; } = new()
    {
        Device = new DeviceReservoirOptions().Device with { GrowthRatePerS = 121, Gamma1PerS = 16.5 },
        DevicesPerChannel = 1, VirtualNodes = 4, NodeIntervalMs = 0.2, PulseWidthMs = 0.1, MaxVoltageV = 0.0143, DecaySpread = 1.45,
    };

    /// <summary>
    /// The echo-state network, when <see cref="Reservoir"/> is <see cref="ReservoirKind.Esn"/>: one step per frame of the
    /// normalised cochleagram, 1,000 leaky tanh units (a = 0.3, ρ = 0.9), each listening to a tenth of the channels with
    /// weights U[−1, 1] and bias U[−0.2, 0.2]; its states averaged over the segments are the features.
    /// </summary>
    public EchoStateOptions Esn { get; init; } = new() { Units = 1000, Leak = 0.3, SpectralRadius = 0.9, InputScale = 1, InputConnectivity = 0.1, BiasScale = 0.2 };

    /// <summary>
    /// Echo-state networks in the ensemble (an echo-state <see cref="Reservoir"/> only): independent draws of
    /// <see cref="Esn"/> from the same seed, each read by its own ridge readout (λ chosen for it alone); the readouts'
    /// outputs are summed before the argmax.
    /// </summary>
    public int Ensemble { get; init; } = 1;

    /// <summary>Time segments of the features.</summary>
    public int Segments { get; init; } = 2;

    /// <summary>Peak rate of the Poisson encoding (at two standard deviations above the utterance mean).</summary>
    public double MaxInputRateHz { get; init; } = 200;

    /// <summary>Whether the reservoir's readout also sees the baseline's features (the echo-state readout [u, x]).</summary>
    public bool ReadoutSeesInput { get; init; } = true;

    /// <summary>
    /// How the readout's features (the baseline's and the reservoir's alike) are normalised per speaker when a test
    /// speaker was not heard in training: training speakers by the statistics of their training recordings, a new speaker
    /// by those of its own (unlabelled) test recordings (<see cref="SpeakerNormaliser"/>). Mean and deviation: chosen by
    /// nested leave-one-speaker-out (README). When every test speaker was heard in training, features stay as they are:
    /// on the speaker-dependent validation split normalising cost the echo-state network 0.25-1 point (README).
    /// </summary>
    public SpeakerNormalisation SpeakerNormalisation { get; init; } = SpeakerNormalisation.MeanAndDeviation;

    /// <summary>Whether features are scaled to unit standard deviation before the readout.</summary>
    public bool Standardise { get; init; } = true;

    /// <summary>Seed of the liquid and the encoding.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Accuracies of the baseline (cochleagram segment means) and of the reservoir (its features, with the baseline's when <see cref="ReadoutSeesInput"/>).</summary>
    public sealed record Result(double BaselineAccuracy, double? ReservoirAccuracy, int[] TestLabels, int[] BaselinePredictions, int[]? ReservoirPredictions, double WallSeconds, double FeatureSeconds);

    /// <summary>
    /// Features of some recordings, one row each: the baseline's (cochleagram segment means) and, with a reservoir, the
    /// readout's (its features, after the baseline's when <see cref="ReadoutSeesInput"/>), one set per ensemble member.
    /// </summary>
    public sealed record FeatureRows(IReadOnlyList<DigitRecording> Recordings, double[][] Baseline, double[][][]? Reservoir, double Seconds);

    /// <summary>Trains on <paramref name="train"/> and tests on <paramref name="test"/>, utterances in parallel.</summary>
    public Result Run(IReadOnlyList<DigitRecording> train, IReadOnlyList<DigitRecording> test, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        FeatureRows rows = Extract([.. train, .. test], progress);
        return Evaluate(rows, [.. Enumerable.Range(0, train.Count)], [.. Enumerable.Range(train.Count, test.Count)]);
    }

    /// <summary>The features of every recording, utterances in parallel.</summary>
    public FeatureRows Extract(IReadOnlyList<DigitRecording> recordings, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (Ensemble < 1 || (Ensemble > 1 && Reservoir != ReservoirKind.Esn))
        {
            throw new ArgumentException($"an ensemble of {Ensemble} needs at least one member, and more than one only with an echo-state reservoir (got {Reservoir})");
        }

        var baseline = new double[recordings.Count][];
        double[][][] reservoir = [.. Enumerable.Range(0, Ensemble).Select(_ => new double[recordings.Count][])];
        int done = 0;
        SpikeCore.Compiled.Network? net = Reservoir == ReservoirKind.Lsm ? LiquidStateMachine.Build(Liquid, FrontEnd.Channels, Seed).Build() : null;
        DeviceReservoir? devices = Reservoir == ReservoirKind.Device ? new DeviceReservoir(Device, FrontEnd.Channels, Seed) : null;
        EchoStateNetwork[] esns = Reservoir == ReservoirKind.Esn ? [.. Enumerable.Range(0, Ensemble).Select(m => new EchoStateNetwork(Esn, FrontEnd.Channels, Seed, (ulong)m))] : [];
        Parallel.For(0, recordings.Count, i =>
        {
            Cochleagram c = Cochleagram.Compute(WavFile.Read(recordings[i].Path), FrontEnd);
            baseline[i] = SegmentFeatures.Means(c.Frames, Segments);
            if (net is not null)
            {
                reservoir[0][i] = LiquidFeatures(c, net);
            }
            else if (devices is not null)
            {
                reservoir[0][i] = DeviceFeatures(c, devices);
            }

            double[][] frames = esns.Length > 0 ? [.. c.Frames.Select(f => f.Select(x => (double)x).ToArray())] : [];
            for (int m = 0; m < esns.Length; m++)
            {
                reservoir[m][i] = SegmentFeatures.Means(esns[m].Run(frames), Segments);
            }

            for (int m = 0; m < Ensemble && ReadoutSeesInput && Reservoir != ReservoirKind.None; m++)
            {
                reservoir[m][i] = [.. baseline[i], .. reservoir[m][i]];
            }

            progress?.Report(Interlocked.Increment(ref done) / (double)recordings.Count);
        });

        return new FeatureRows(recordings, baseline, Reservoir == ReservoirKind.None ? null : reservoir, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Trains the readouts on rows <paramref name="trainRows"/> of <paramref name="rows"/> and tests them on
    /// <paramref name="testRows"/>. When no test speaker was heard in training, ridge λ is chosen by leaving the training
    /// speakers out in turn; otherwise by leave-one-out.
    /// </summary>
    public Result Evaluate(FeatureRows rows, IReadOnlyList<int> trainRows, IReadOnlyList<int> testRows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(trainRows);
        ArgumentNullException.ThrowIfNull(testRows);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int[] labels = [.. trainRows.Concat(testRows).Select(i => rows.Recordings[i].Digit)];
        int[] testLabels = labels[trainRows.Count..];
        string[] trainSpeakers = [.. trainRows.Select(i => rows.Recordings[i].Speaker).Distinct()];
        int[]? groups = testRows.All(i => !trainSpeakers.Contains(rows.Recordings[i].Speaker)) && trainSpeakers.Length > 1
            ? [.. trainRows.Select(i => Array.IndexOf(trainSpeakers, rows.Recordings[i].Speaker))]
            : null;
        string[] speakers = [.. trainRows.Concat(testRows).Select(i => rows.Recordings[i].Speaker)];
        SpeakerNormalisation normalisation = speakers[trainRows.Count..].Any(s => !trainSpeakers.Contains(s)) ? SpeakerNormalisation : SpeakerNormalisation.None;
        double[][] Pick(double[][] features)
        {
            double[][] picked = [.. trainRows.Concat(testRows).Select(i => features[i])];
            return normalisation == SpeakerNormalisation.None ? picked : SpeakerNormaliser.Apply(picked, speakers, trainRows.Count, normalisation);
        }

        int[] Classify(IEnumerable<double[][]> members) => ArgMax(members.Select(m => Scores(Pick(m), labels, trainRows.Count, groups)).Aggregate((a, b) => a + b));
        int[] basePredictions = Classify([rows.Baseline]);
        int[]? reservoirPredictions = rows.Reservoir is null ? null : Classify(rows.Reservoir);
        return new Result(
            Metrics.Accuracy(testLabels, basePredictions),
            reservoirPredictions is null ? null : Metrics.Accuracy(testLabels, reservoirPredictions),
            testLabels, basePredictions, reservoirPredictions, rows.Seconds + clock.Elapsed.TotalSeconds, rows.Seconds);
    }

    /// <summary>One utterance through the front end, the encoder and the liquid (for pictures: cochleagram and raster).</summary>
    public (Cochleagram Cochleagram, IReadOnlyList<double>[] InputSpikesMs, LiquidResponse Liquid) Example(DigitRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        Cochleagram c = Cochleagram.Compute(WavFile.Read(recording.Path), FrontEnd);
        IReadOnlyList<double>[] inputs = Encode(c);
        SpikeCore.Compiled.Network liquid = LiquidStateMachine.Build(Liquid, FrontEnd.Channels, Seed).Build();
        return (c, inputs, LiquidStateMachine.Run(liquid, inputs, DurationMs(c), sampleEveryMs: null));
    }

    /// <summary>Spike trains of the cochleagram's channels (<see cref="Encoding"/>).</summary>
    private IReadOnlyList<double>[] Encode(Cochleagram c)
    {
        int channels = c.Frames[0].Length;
        var inputs = new IReadOnlyList<double>[channels];
        var encoder = new LifCurrentEncoder();
        for (int ch = 0; ch < channels; ch++)
        {
            float[] signal = c.Frames.Select(f => f[ch]).ToArray();
            inputs[ch] = Encoding switch
            {
                SpikeEncoding.Poisson => PoissonRateEncoder.Encode(signal, 0, 2, MaxInputRateHz, c.HopMs, Seed, ch),
                _ => encoder.Encode(signal.Select(x => (double)x).ToArray(), gain: 1, bias: 1, c.HopMs),
            };
        }

        return inputs;
    }

    /// <summary>The utterance plus 20 ms for the liquid to finish answering.</summary>
    private static double DurationMs(Cochleagram c) => (c.Frames.Length * c.HopMs) + 20;

    private double[] LiquidFeatures(Cochleagram c, SpikeCore.Compiled.Network liquid) =>
        LiquidStateMachine.SegmentCounts(liquid, Encode(c), DurationMs(c), Segments);

    /// <summary>Segment means of the device states, each channel scaled to [0, 1] over the utterance.</summary>
    private double[] DeviceFeatures(Cochleagram c, DeviceReservoir devices)
    {
        float min = c.Frames.Min(f => f.Min()), max = c.Frames.Max(f => f.Max());
        double scale = max > min ? 1.0 / (max - min) : 0;
        double[][] input = c.Frames.Select(f => f.Select(x => (x - min) * scale).ToArray()).ToArray();
        return SegmentFeatures.Means(devices.Run(input), Segments);
    }

    /// <summary>The ridge readout's outputs (test rows × 10) after training on the first <paramref name="trainCount"/> rows.</summary>
    private Matrix<double> Scores(double[][] features, int[] labels, int trainCount, int[]? groups)
    {
        int d = features[0].Length;
        Matrix<double> x = Matrix<double>.Build.Dense(features.Length, d, (i, j) => features[i][j]);
        Matrix<double> xTrain = x.SubMatrix(0, trainCount, 0, d), xTest = x.SubMatrix(trainCount, features.Length - trainCount, 0, d);
        if (Standardise)
        {
            FeatureScaling.Standardise(xTrain, xTest);
        }

        Matrix<double> targets = RidgeRegression.OneHot(labels[..trainCount], 10);
        RidgeRegression ridge = groups is null
            ? RidgeRegression.FitCrossValidated(xTrain, targets, classification: true)
            : RidgeRegression.FitGroupCrossValidated(xTrain, targets, groups, classification: true);
        return ridge.Predict(xTest);
    }

    private static int[] ArgMax(Matrix<double> scores) => [.. Enumerable.Range(0, scores.RowCount).Select(i => scores.Row(i).MaximumIndex())];
}
