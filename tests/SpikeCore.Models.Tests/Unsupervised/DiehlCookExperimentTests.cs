using SpikeCore.Datasets;
using SpikeCore.Networks.Unsupervised;

namespace SpikeCore.Models.Tests.Unsupervised;

public class DiehlCookExperimentTests
{
    [Fact]
    public void Learning_without_labels_beats_the_same_network_untrained_on_unseen_digits()
    {
        // The same network and protocol with every learning speed at 0 keeps its random weights; its neurons are
        // labelled and scored the same way (about 40% on this split). STDP must lift that by 25 points at least (seed 1
        // gives 76%); the labels are seen only after learning.
        (LabelledSet train, LabelledSet test) = Sets.Digits8x8();
        DiehlCookParameters learned = DiehlCookParameters.Digits8x8;
        DiehlCookParameters untrained = learned with { LearningRatePre = 0, LearningRatePost = 0, ThetaPlusMv = 0 };
        DiehlCookResult a = DiehlCookExperiment.Run(train, test, learned, seed: 1);
        DiehlCookResult b = DiehlCookExperiment.Run(train, test, untrained, seed: 1);
        Assert.True(a.Accuracy >= b.Accuracy + 0.25, $"learned {a.Accuracy:P1}, untrained {b.Accuracy:P1}");
        Assert.True(a.ThetaMv.Min() > 0, "every neuron fired while learning");
        Assert.Equal(train.Count, a.TrainSamples);
        Assert.True(a.LearnPresentations >= train.Count && a.TestPresentations >= test.Count);
    }

    [Fact]
    public void Conductance_scale_is_one_for_an_image_as_bright_as_the_mean_mnist_digit()
    {
        // Two 784-pixel images of full-scale value on 0.1307 × 784 pixels each on average: k = 1 exactly as in the paper.
        int lit = (int)Math.Round(784 * 0.1307);
        var values = new float[2 * 784];
        for (int i = 0; i < lit; i++)
        {
            values[i] = 255;
            values[784 + i] = 255;
        }

        var set = new LabelledSet("bright", values, [0, 1], 28, 28, 255, ["a", "b"]);
        double expected = 784 * 0.1307 / lit;
        Assert.Equal(expected, DiehlCookExperiment.ConductanceScale(set, DiehlCookParameters.Paper), 12);
        Assert.Throws<ArgumentException>(() => DiehlCookExperiment.ConductanceScale(set with { Values = new float[2 * 784] }, DiehlCookParameters.Paper));
    }
}
