using MathNet.Numerics.LinearAlgebra;
using SpikeCore.Compiled;
using SpikeCore.Random;
using SpikeCore.Reservoir.Encoding;
using SpikeCore.Reservoir.Features;
using SpikeCore.Reservoir.Readout;
using SpikeCore.Reservoir.Reservoirs;

namespace SpikeCore.Reservoir.Tasks;

/// <summary>
/// A time-series task (NARMA10, the second-order task) through a reservoir and a ridge readout: train on the steps
/// after the washout, test on the steps that follow. The readout sees [encoded input, reservoir state] (the usual
/// echo-state readout); the baseline is the same readout on the encoded input alone.
/// </summary>
public sealed record TimeSeriesExperiment
{
    /// <summary>The task: <c>narma10</c> or <c>second_order</c>.</summary>
    public string Task { get; init; } = "narma10";

    /// <summary>Steps discarded before training (the reservoir forgets its initial state).</summary>
    public int WashoutSteps { get; init; } = 200;

    /// <summary>Training steps.</summary>
    public int TrainSteps { get; init; } = 4000;

    /// <summary>Test steps.</summary>
    public int TestSteps { get; init; } = 2000;

    /// <summary>The reservoir.</summary>
    public ReservoirKind Reservoir { get; init; } = ReservoirKind.Device;

    /// <summary>The device reservoir's options (when <see cref="Reservoir"/> is <see cref="ReservoirKind.Device"/>).</summary>
    public DeviceReservoirOptions Device { get; init; } = new();

    /// <summary>The device ring's options (when <see cref="Reservoir"/> is <see cref="ReservoirKind.Ring"/>; its node count is also the delay line's length).</summary>
    public RingReservoirOptions Ring { get; init; } = new();

    /// <summary>
    /// The echo-state network (when <see cref="Reservoir"/> is <see cref="ReservoirKind.Esn"/>): 400 tanh units without
    /// leak, each listening to the input, ρ, s_in and s_b the best of a random search on NARMA10's validation split
    /// (<see cref="EchoStateOptions"/>).
    /// </summary>
    public EchoStateOptions Esn { get; init; } = new();

    /// <summary>Whether the readout also sees the square of every reservoir feature (quadratic state terms).</summary>
    public bool QuadraticStates { get; init; }

    /// <summary>
    /// The liquid (when <see cref="Reservoir"/> is <see cref="ReservoirKind.Lsm"/>): 400 neurons in four groups of τm from
    /// 5 to 100 ms, recurrent weights at 0.2 of Maass 2002's, static synapses, sparse input; the best of a random search
    /// on NARMA10 (README).
    /// </summary>
    public LsmOptions Liquid { get; init; } = new()
    {
        GridX = 10, GridY = 10, GridZ = 4, InputWeight = 11, InputConnectivity = 0.05, RecurrentScale = 0.2, Lambda = 2.4,
        TimeConstantGroups = 4, MembraneTauRangeMs = (5, 100), ShortTermPlasticity = false,
    };

    /// <summary>Duration of one input step in the liquid.</summary>
    public double StepMs { get; init; } = 8;

    /// <summary>LIF neurons that encode u by current injection for the liquid (half driven by u, half by its complement).</summary>
    public int EncoderNeurons { get; init; } = 40;

    /// <summary>Time constant of the spike traces the readout sees (liquid and encoder neurons).</summary>
    public double TraceTauMs { get; init; } = 13;

    /// <summary>Whether the readout also sees every liquid neuron's membrane potential at the end of each step.</summary>
    public bool ReadMembrane { get; init; } = true;

    /// <summary>
    /// Null: a ridge readout fitted offline with λ by leave-one-out. A value δ: an online readout by recursive least
    /// squares (no forgetting, regularisation δ), updated step by step through the training steps.
    /// </summary>
    public double? OnlineDelta { get; init; }

    /// <summary>Errors on the test steps, with and without the reservoir, and the test series.</summary>
    /// <param name="Nmse">NMSE with the reservoir (the baseline's when there is none).</param>
    /// <param name="BaselineNmse">NMSE of the readout on the encoded input alone.</param>
    /// <param name="Features">Reservoir features per step.</param>
    /// <param name="Target">Target over the test steps.</param>
    /// <param name="Prediction">Prediction over the test steps.</param>
    /// <param name="Lambda">The ridge λ chosen by leave-one-out cross-validation (δ for the online readout).</param>
    public sealed record Result(double Nmse, double BaselineNmse, int Features, double[] Target, double[] Prediction, double Lambda)
    {
        /// <summary>NRMSE = √NMSE with the reservoir.</summary>
        public double Nrmse => Math.Sqrt(Nmse);

        /// <summary>NRMSE of the baseline.</summary>
        public double BaselineNrmse => Math.Sqrt(BaselineNmse);
    }

    /// <summary>Runs the task with input series and reservoir both drawn from <paramref name="seed"/>.</summary>
    public Result Run(ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(WashoutSteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(TrainSteps, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(TestSteps, 2);
        int steps = WashoutSteps + TrainSteps + TestSteps;
        TimeSeriesTask task = TimeSeriesTask.Create(Task, steps, seed);
        double[] x = task.Input.Select(u => u / TimeSeriesTask.InputMax).ToArray();
        double[][] encoded, states;
        if (Reservoir == ReservoirKind.Lsm)
        {
            (encoded, states) = RunLiquid(x, seed);
        }
        else
        {
            encoded = x.Select(v => new[] { v }).ToArray();
            states = Reservoir switch
            {
                ReservoirKind.Device => new DeviceReservoir(Device, 1, seed).Run(encoded),
                ReservoirKind.Ring => new RingReservoir(Ring, seed).Run(x),
                ReservoirKind.Esn => new EchoStateNetwork(Esn, 1, seed).Run(encoded),
                ReservoirKind.Delays => DelayLine.Run(x, Ring.Nodes),
                _ => [],
            };
        }

        if (QuadraticStates)
        {
            states = [.. states.Select(row => row.Concat(row.Select(v => v * v)).ToArray())];
        }

        double[] target = task.Target, testTarget = target[^TestSteps..];
        (double[] basePrediction, double baseLambda) = Predict(encoded, [], target);
        double baseline = Metrics.Nmse(testTarget, basePrediction);
        if (Reservoir == ReservoirKind.None)
        {
            return new Result(baseline, baseline, 0, testTarget, basePrediction, baseLambda);
        }

        (double[] prediction, double lambda) = Predict(encoded, states, target);
        return new Result(Metrics.Nmse(testTarget, prediction), baseline, states[0].Length, testTarget, prediction, lambda);
    }

    /// <summary>
    /// Encodes x ∈ [0, 1] with <see cref="EncoderNeurons"/> LIF neurons (drive b + g·x or b + g·(1 − x), g ~ U[1, 4],
    /// b ~ U[0.5, 1.2], so each neuron has its own threshold and slope), runs the liquid on their spikes, and reads the
    /// spike traces of the encoder (the baseline's features) and of the liquid at the end of every step.
    /// </summary>
    private (double[][] Encoded, double[][] States) RunLiquid(double[] x, ulong seed)
    {
        var encoder = new LifCurrentEncoder();
        var rng = KeyedRandom.Create(seed, StreamPurpose.TimeSeriesSplit, 0);
        double[] complement = x.Select(v => 1 - v).ToArray();
        var inputs = new IReadOnlyList<double>[EncoderNeurons];
        for (int j = 0; j < EncoderNeurons; j++)
        {
            double gain = 1 + (3 * rng.NextDouble()), bias = 0.5 + (0.7 * rng.NextDouble());
            inputs[j] = encoder.Encode(j % 2 == 0 ? x : complement, gain, bias, StepMs);
        }

        double duration = x.Length * StepMs;
        double[] sampleTimes = Enumerable.Range(1, x.Length).Select(k => k * StepMs).ToArray();
        double[] inputTimes = inputs.SelectMany(t => t).ToArray();
        int[] inputIds = inputs.SelectMany((t, j) => t.Select(_ => j)).ToArray();
        Array.Sort(inputTimes, inputIds);
        double[][] encoded = SpikeTraces.Sample(inputTimes, inputIds, EncoderNeurons, sampleTimes, TraceTauMs);
        Network liquid = LiquidStateMachine.Build(Liquid, EncoderNeurons, seed).Build();
        LiquidResponse r = LiquidStateMachine.Run(liquid, inputs, duration, ReadMembrane ? StepMs : null);
        double[][] traces = SpikeTraces.Sample(r.SpikeTimesMs, r.SpikeNeurons, r.Size, sampleTimes, TraceTauMs);
        return (encoded, ReadMembrane ? traces.Select((t, k) => t.Concat(r.MembraneMv![k]).ToArray()).ToArray() : traces);
    }

    /// <summary>Fits the readout on the training steps and predicts the test steps.</summary>
    private (double[] Prediction, double Lambda) Predict(double[][] input, double[][] states, double[] target)
    {
        int width = input[0].Length + (states.Length > 0 ? states[0].Length : 0);
        Matrix<double> Rows(int from, int count) => Matrix<double>.Build.Dense(count, width, (i, j) =>
            j < input[0].Length ? input[from + i][j] : states[from + i][j - input[0].Length]);
        Matrix<double> train = Rows(WashoutSteps, TrainSteps), test = Rows(WashoutSteps + TrainSteps, TestSteps);
        FeatureScaling.Standardise(train, test); // device states vary by parts per thousand around their mean
        if (OnlineDelta is { } delta)
        {
            var rls = new RecursiveLeastSquares(width, delta);
            for (int i = 0; i < TrainSteps; i++)
            {
                rls.Update(train.Row(i).ToArray(), target[WashoutSteps + i]);
            }

            return (Enumerable.Range(0, TestSteps).Select(i => rls.Predict(test.Row(i).ToArray())).ToArray(), delta);
        }

        Matrix<double> y = Matrix<double>.Build.Dense(TrainSteps, 1, (i, _) => target[WashoutSteps + i]);
        RidgeRegression ridge = RidgeRegression.FitCrossValidated(train, y, classification: false);
        return (ridge.Predict(test).Column(0).ToArray(), ridge.Lambda);
    }
}
