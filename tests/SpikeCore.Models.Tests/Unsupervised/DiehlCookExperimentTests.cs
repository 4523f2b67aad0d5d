using SpikeCore.Datasets;
using SpikeCore.Networks.Unsupervised;

namespace SpikeCore.Models.Tests.Unsupervised;

public class DiehlCookExperimentTests
{
    /// <summary>The first <paramref name="trainCount"/> training and <paramref name="testCount"/> test digits.</summary>
    private static (LabelledSet Train, LabelledSet Test) FirstDigits(int trainCount, int testCount)
    {
        (LabelledSet train, LabelledSet test) = Sets.Digits8x8();
        return (train.Slice("train", 0, trainCount), test.Slice("test", 0, testCount));
    }

    /// <summary>The digits' preset with 20 neurons, for short runs.</summary>
    private static readonly DiehlCookParameters Twenty = DiehlCookParameters.Digits8x8 with { Neurons = 20 };

    [Fact]
    public void Learning_without_labels_beats_the_same_network_untrained_on_unseen_digits()
    {
        // The same network and protocol with every learning speed at 0 keeps its random weights; its neurons are
        // labelled and scored the same way (about 40% on this split). STDP must lift that by 25 points at least (seed 1
        // gives 77%); the labels are seen only after learning.
        (LabelledSet train, LabelledSet test) = Sets.Digits8x8();
        DiehlCookParameters learned = DiehlCookParameters.Digits8x8;
        DiehlCookParameters untrained = learned with { LearningRatePre = 0, LearningRatePost = 0, ThetaPlusMv = 0 };
        DiehlCookResult a = DiehlCookExperiment.Run(train, test, learned, seed: 1);
        DiehlCookResult b = DiehlCookExperiment.Run(train, test, untrained, seed: 1);
        Assert.True(a.Accuracy >= b.Accuracy + 0.25, $"learned {a.Accuracy:P1}, untrained {b.Accuracy:P1}");
        Assert.True(a.Theta.Min() > 0, "every neuron fired while learning");
        Assert.Equal(train.Count, a.TrainSamples);
        Assert.True(a.LearnPresentations >= train.Count && a.TestPresentations >= test.Count);
    }

    [Fact]
    public void A_longer_readout_changes_the_labelling_and_test_passes_and_nothing_learned()
    {
        // The readout's presentation time is the frozen passes' alone: the learned weights, thresholds and curve stay the
        // same to the bit; the layer answers each test image with more spikes; naming the default explicitly changes
        // nothing; a readout of 0 or NaN ms is refused.
        (LabelledSet train, LabelledSet test) = FirstDigits(200, 100);
        DiehlCookParameters p = Twenty;
        DiehlCookResult plain = DiehlCookExperiment.Run(train, test, p, seed: 1);
        DiehlCookResult same = DiehlCookExperiment.Run(train, test, p with { ReadoutPresentMs = p.PresentMs }, seed: 1);
        DiehlCookResult longer = DiehlCookExperiment.Run(train, test, p with { ReadoutPresentMs = 2 * p.PresentMs }, seed: 1);
        Assert.Equal(plain.Accuracy, same.Accuracy);
        Assert.Equal(plain.TestSpikesPerSample, same.TestSpikesPerSample);
        Assert.Equal(plain.ReceptiveFields, longer.ReceptiveFields);
        Assert.Equal(plain.Theta, longer.Theta);
        Assert.Equal(plain.Curve, longer.Curve);
        Assert.True(longer.TestSpikesPerSample > plain.TestSpikesPerSample, $"{longer.TestSpikesPerSample} against {plain.TestSpikesPerSample} spikes per test image");
        Assert.Contains("readout", (p with { ReadoutPresentMs = 0 }).Problem());
        Assert.Contains("readout", (p with { ReadoutPresentMs = double.NaN }).Problem());
    }

    [Fact]
    public void The_frozen_network_holds_the_weights_normalised_as_learning_would_present_them()
    {
        // Learning normalises each neuron's input weights to the paper's sum, 78 k per 784 inputs, before every image;
        // the frozen network must hold them so too, not with the last image's potentiation left in (its winners would
        // answer most test images). None is clipped at w_max here, so every neuron's sum is 78 k · 64/784, to the
        // rounding of 64 floats.
        (LabelledSet train, LabelledSet test) = FirstDigits(200, 20);
        DiehlCookParameters p = Twenty;
        DiehlCookResult r = DiehlCookExperiment.Run(train, test, p, seed: 1);
        double target = p.WeightSumPer784 * r.ConductanceScale * train.Length / 784.0;
        Assert.All(r.ReceptiveFields, field => Assert.Equal(target, field.Sum(w => (double)w), target * 1e-5));
        Assert.All(r.ReceptiveFields, field => Assert.True(field.Max() < p.MaxWeight * r.ConductanceScale, "none clipped"));
    }

    [Fact]
    public void Two_learning_passes_learn_what_one_pass_over_the_set_shown_twice_learns()
    {
        // A naive reference: the training set written out twice, learned in one pass. The weights, thresholds, curve
        // and learning presentations must be the same to the bit (the labelling pass then sees the set once in the
        // one and twice in the other, so only learning is compared); 0 or 101 passes are refused.
        (LabelledSet train, LabelledSet test) = FirstDigits(150, 50);
        LabelledSet twice = train with { Values = [.. train.Values, .. train.Values], Labels = [.. train.Labels, .. train.Labels] };
        DiehlCookParameters p = Twenty;
        DiehlCookResult passes = DiehlCookExperiment.Run(train, test, p with { LearningPasses = 2 }, seed: 1);
        DiehlCookResult written = DiehlCookExperiment.Run(twice, test, p, seed: 1);
        DiehlCookResult once = DiehlCookExperiment.Run(train, test, p, seed: 1);
        Assert.Equal(written.ReceptiveFields, passes.ReceptiveFields);
        Assert.Equal(written.Theta, passes.Theta);
        Assert.Equal(written.Curve, passes.Curve);
        Assert.Equal(written.LearnPresentations, passes.LearnPresentations);
        Assert.Equal((150, 2, 300), (passes.TrainSamples, passes.LearningPasses, passes.LearnedSamples));
        Assert.NotEqual(once.ReceptiveFields, passes.ReceptiveFields);
        Assert.Contains("passes", (p with { LearningPasses = 0 }).Problem());
        Assert.Contains("passes", (p with { LearningPasses = 101 }).Problem());
    }

    [Fact]
    public void Equal_intensity_gives_every_image_the_mean_images_summed_value()
    {
        // A sparse image (a sandal's few pixels) is driven harder, a dense one (a coat) less, so that every image's rates
        // sum to the mean image's: gain = mean sum / image sum, and a blank image keeps gain 1 (its rates are 0 anyway).
        float[] sparse = [0, 10, 0, 30], dense = [80, 80, 80, 80], blank = [0, 0, 0, 0];
        const double meanSum = 160;
        Assert.Equal(4.0, DiehlCookExperiment.IntensityGain(sparse, meanSum), 12);
        Assert.Equal(0.5, DiehlCookExperiment.IntensityGain(dense, meanSum), 12);
        Assert.Equal(1.0, DiehlCookExperiment.IntensityGain(blank, meanSum));
    }

    [Fact]
    public void Conductance_scale_is_one_for_images_as_bright_as_the_mean_mnist_digit()
    {
        // The paper's MNIST needs no scaling: training images whose summed intensity (pixel / 255) is 784 × 0.1307 =
        // 102.4688 on average get k = 1; twice as bright, k = 1/2; an all-blank set is refused.
        static LabelledSet Set(double brightness)
        {
            var values = new float[2 * 784];
            double perImage = 784 * 0.1307 * brightness * 255;
            for (int image = 0; image < 2; image++)
            {
                double left = perImage + ((image == 0 ? -1 : 1) * 20 * 255); // images differ; their mean is what counts
                for (int i = 0; left > 0; i++, left -= 255)
                {
                    values[(image * 784) + i] = (float)Math.Min(left, 255);
                }
            }

            return new LabelledSet("bright", values, [0, 1], 28, 28, 255, ["a", "b"]);
        }

        Assert.Equal(1, DiehlCookExperiment.ConductanceScale(Set(1), DiehlCookParameters.Paper), 6);
        Assert.Equal(0.5, DiehlCookExperiment.ConductanceScale(Set(2), DiehlCookParameters.Paper), 6);
        Assert.Throws<ArgumentException>(() => DiehlCookExperiment.ConductanceScale(Set(1) with { Values = new float[2 * 784] }, DiehlCookParameters.Paper));
    }
}
