using MathNet.Numerics.LinearAlgebra;
using SpikeCore.Reservoir.Readout;
using SpikeCore.Reservoir.Reservoirs;
using SpikeCore.Reservoir.Tasks;

namespace SpikeCore.Reservoir.Tests.Tasks;

public class DigitsEnsembleTests
{
    [Fact]
    public void An_ensemble_sums_its_members_readouts_and_beats_each_member()
    {
        // One speaker, 300 utterances (the first 200 train). Member A codes digits 0-4 clearly and 5-9 not at all; member
        // B the reverse. Each alone is right about half the time; their summed readouts get nearly everything.
        var rng = new System.Random(7);
        DigitRecording[] recordings = [.. Enumerable.Range(0, 300).Select(k => new DigitRecording($"{k % 10}_a_{k}.wav", k % 10, "a", k))];
        double[] Code(int digit, bool clear) => [.. Enumerable.Range(0, 10).Select(j => (clear && j == digit ? 1.0 : 0) + (0.3 * rng.NextDouble()))];
        double[][] a = [.. recordings.Select(r => Code(r.Digit, r.Digit < 5))], b = [.. recordings.Select(r => Code(r.Digit, r.Digit >= 5))];
        double[][] baseline = [.. recordings.Select(_ => new[] { rng.NextDouble() })];
        int[] train = [.. Enumerable.Range(0, 200)], test = [.. Enumerable.Range(200, 100)];
        var experiment = new DigitsExperiment { Reservoir = ReservoirKind.Esn, Ensemble = 2 };

        DigitsExperiment.Result both = experiment.Evaluate(new(recordings, baseline, [a, b], 0), train, test);
        double onlyA = experiment.Evaluate(new(recordings, baseline, [a], 0), train, test).ReservoirAccuracy!.Value;
        double onlyB = experiment.Evaluate(new(recordings, baseline, [b], 0), train, test).ReservoirAccuracy!.Value;

        // The naive reference: each member's ridge readout (standardised, λ by leave-one-out) fitted alone, outputs added.
        Matrix<double> Outputs(double[][] features)
        {
            Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays(train.Select(i => features[i])), xTest = Matrix<double>.Build.DenseOfRowArrays(test.Select(i => features[i]));
            FeatureScaling.Standardise(x, xTest);
            return RidgeRegression.FitCrossValidated(x, RidgeRegression.OneHot([.. train.Select(i => recordings[i].Digit)], 10), classification: true).Predict(xTest);
        }

        Matrix<double> sum = Outputs(a) + Outputs(b);
        Assert.Equal(Enumerable.Range(0, test.Length).Select(i => sum.Row(i).MaximumIndex()), both.ReservoirPredictions!);
        Assert.InRange(onlyA, 0.4, 0.7);
        Assert.InRange(onlyB, 0.4, 0.7);
        Assert.True(both.ReservoirAccuracy > 0.9, $"ensemble {both.ReservoirAccuracy}, members {onlyA} and {onlyB}");
    }

    [Fact]
    public void Draws_of_one_seed_are_different_networks_and_draw_zero_is_the_seeds_network()
    {
        var options = new EchoStateOptions { Units = 50 };
        double[][] input = [.. Enumerable.Range(0, 20).Select(t => new[] { Math.Sin(t), Math.Cos(t) })];
        double[] Last(EchoStateNetwork esn) => esn.Run(input)[^1];
        Assert.Equal(Last(new EchoStateNetwork(options, 2, 5)), Last(new EchoStateNetwork(options, 2, 5, draw: 0)));
        Assert.NotEqual(Last(new EchoStateNetwork(options, 2, 5, draw: 0)), Last(new EchoStateNetwork(options, 2, 5, draw: 1)));
        Assert.Throws<ArgumentException>(() => new DigitsExperiment { Reservoir = ReservoirKind.Lsm, Ensemble = 2 }.Extract([]));
    }
}
