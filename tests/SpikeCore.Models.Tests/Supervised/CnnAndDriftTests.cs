using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Training;
using SpikeCore.Datasets;
using SpikeCore.Networks.Supervised;

namespace SpikeCore.Models.Tests.Supervised;

public class CnnAndDriftTests
{
    [Fact]
    public void Cnn_backpropagation_steps_along_the_finite_difference_gradient()
    {
        // Random 28 × 28 image and weights; one Train step changes each weight by −η ∂L/∂w (summed over positions).
        var rng = SpikeCore.Random.KeyedRandom.Create(3, 1, 0);
        float[] image = [.. Enumerable.Range(0, 784).Select(_ => (float)rng.NextDouble())];
        IReadOnlyList<(int Inputs, int Outputs)> shapes = SmallCnn.Shapes(10, 6, 12);
        double[][] start = [.. shapes.Select(s => Enumerable.Range(0, s.Inputs * s.Outputs).Select(_ => 0.3 * ((2 * rng.NextDouble()) - 1)).ToArray())];
        SmallCnn Net(double[][] w) => new(new FloatDense(shapes[0].Inputs, shapes[0].Outputs, w[0]), new FloatDense(shapes[1].Inputs, shapes[1].Outputs, w[1]), new FloatDense(shapes[2].Inputs, shapes[2].Outputs, w[2]));
        const int label = 4;
        const double eta = 1e-4;
        SmallCnn trained = Net(start);
        trained.Train(image, label, eta);
        for (int l = 0; l < 3; l++)
        {
            double[] after = trained.Layers[l].Weights();
            for (int k = 0; k < start[l].Length; k += start[l].Length / 17)
            {
                double[][] plus = [.. start.Select(w => (double[])w.Clone())], minus = [.. start.Select(w => (double[])w.Clone())];
                plus[l][k] += 1e-6;
                minus[l][k] -= 1e-6;
                double gradient = (-Math.Log(Net(plus).Forward(image)[label]) + Math.Log(Net(minus).Forward(image)[label])) / 2e-6;
                Assert.Equal(-eta * gradient, after[k] - start[l][k], 1e-9 + (1e-5 * Math.Abs(eta * gradient)));
            }
        }
    }

    [Fact]
    public void Drifting_pcm_loses_accuracy_and_global_compensation_recovers_it()
    {
        // A float MLP programmed into PCM: at 1 s it is close to float; after 100 years the conductances have fallen by
        // ((t + t0)/t0)^−ν with ν ≈ 0.05-0.1 per device (a factor 0.2-0.4, unequal across devices), which shrinks and
        // distorts the hidden layer's inputs; compensation rescales each tile by its measured total current.
        (LabelledSet train, LabelledSet test) = Sets.Digits8x8();
        (Mlp network, MlpResult result) = MlpExperiment.Train(train, test, MlpParameters.Digits8x8 with { Epochs = 10 }, seed: 1);
        DriftResult drift = DriftExperiment.Run([.. network.Layers.Cast<FloatDense>()], l => new Mlp(l).Predict, test, DevicePresets.PcmGst, 8, [1, 100 * 365.25 * 86_400], seed: 1);
        (DriftPoint early, DriftPoint late) = (drift.Points[0], drift.Points[1]);
        Assert.True(early.Accuracy > result.Accuracy - 0.02, $"1 s: {early.Accuracy:P1}, float {result.Accuracy:P1}");
        Assert.True(late.Accuracy < early.Accuracy - 0.02, $"100 y: {late.Accuracy:P1}, 1 s {early.Accuracy:P1}");
        Assert.True(late.CompensatedAccuracy > early.Accuracy - 0.02, $"100 y compensated: {late.CompensatedAccuracy:P1}, 1 s {early.Accuracy:P1}");
        Assert.True(drift.ProgrammingPulses > 0);
    }
}
