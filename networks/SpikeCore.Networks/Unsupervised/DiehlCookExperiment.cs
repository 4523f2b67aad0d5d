using System.Diagnostics;
using System.Runtime;
using SpikeCore.Datasets;
using SpikeCore.Running;

namespace SpikeCore.Networks.Unsupervised;

/// <summary>
/// Diehl and Cook's protocol end to end: <see cref="DiehlCookParameters.LearningPasses"/> learning passes over the
/// training set (one by default), then, with learning off (weights and
/// θ frozen), a pass over the training set that assigns each neuron its class and a pass over the test set that is
/// scored. No label is seen while learning. With an array (<see cref="DiehlCookParameters.Array"/>) the input synapses
/// are its devices throughout: learned by programming pulses, then read back and programmed by write-verify into an
/// array of the same devices that does not learn, for labelling and testing.
/// </summary>
/// <remarks>
/// Each presentation: input weights normalised per neuron (learning only; once more when learning ends, so that the
/// frozen network holds them as learning would present them next), Poisson rates pixel/full scale × the full-scale
/// rate, <see cref="DiehlCookParameters.PresentMs"/> of input (<see cref="DiehlCookParameters.ReadoutPresentMs"/> when
/// labelling and testing), then <see cref="DiehlCookParameters.RestMs"/> of silence; a
/// response of fewer than <see cref="DiehlCookParameters.MinimumSpikes"/> excitatory spikes repeats the sample with the
/// rates raised by half their first value. The labelling and test passes run on two simulations of the frozen network at
/// once (they are independent; each has its own seeded streams, so the result does not depend on the thread count).
/// </remarks>
public static class DiehlCookExperiment
{
    /// <summary>Learns on <paramref name="train"/>, labels with it, tests on <paramref name="test"/>.</summary>
    /// <param name="train">Training images (labels are used only after learning, to name the neurons).</param>
    /// <param name="test">Test images.</param>
    /// <param name="p">Network and protocol.</param>
    /// <param name="seed">Seed of the initial weights, delays and every Poisson train.</param>
    /// <param name="progress">Fraction of all presentations done (learning, labelling, testing).</param>
    public static DiehlCookResult Run(LabelledSet train, LabelledSet test, DiehlCookParameters p, ulong seed, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(p);
        if (p.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(p));
        }

        if (train.Count == 0 || test.Count == 0 || train.Length != test.Length)
        {
            throw new ArgumentException($"need training and test samples of one length (got {train.Count} × {train.Length} and {test.Count} × {test.Length})");
        }

        double sum = Sum(train), meanSum = sum / train.Count;
        double scale = ScaleFor(sum / train.MaxValue / train.Count, p, train.Name);
        int classes = train.ClassNames.Count;
        int learned = train.Count * p.LearningPasses;
        double total = learned + train.Count + (double)test.Count;
        var clock = Stopwatch.StartNew();

        // Learning (timed from its first presentation: building is not learning, and Brian2's main loop excludes it too).
        using var learning = new Simulation(DiehlCookNetwork.Build(train.Length, scale, p, seed).Build(), new SimulationOptions { RecordSpikes = false });
        var presenter = new Presenter(learning, p, scale, train.MaxValue, meanSum, p.PresentMs, normalise: true);
        double buildSeconds = clock.Elapsed.TotalSeconds;
        TimeSpan compiledBefore = JitInfo.GetCompilationTime(currentThread: true);
        var responses = new int[learned][];
        for (int s = 0; s < learned; s++)
        {
            responses[s] = presenter.Present(train.Sample(s % train.Count));
            progress?.Report((s + 1) / total);
        }

        // Frozen as learning would present the next image: normalised. Left out, the last image's potentiation (up to a
        // fifth of a neuron's weight sum with the digits' rates, on arrays) makes that image's winners answer most of
        // the test images.
        presenter.Normalise();
        double learnSeconds = clock.Elapsed.TotalSeconds - buildSeconds;
        double compileSeconds = (JitInfo.GetCompilationTime(currentThread: true) - compiledBefore).TotalSeconds;
        var frozen = new DiehlCookNetwork.Frozen(learning.Weights(DiehlCookNetwork.InputProjection), learning.State("exc", DiehlCookNetwork.ThetaVariable(p)));
        IReadOnlyDictionary<string, double> learnMeters = learning.Meters(DiehlCookNetwork.InputProjection);
        int learnPresentations = presenter.Presentations;

        // Labelling and testing on the frozen network, two independent simulations at once.
        Compiled.Network network = DiehlCookNetwork.Build(train.Length, scale, p, seed, frozen).Build();
        int done = learned;
        var counts = new int[2][][];
        var presentations = new int[2];
        var meters = new IReadOnlyDictionary<string, double>[2];
        Parallel.For(0, 2, pass =>
        {
            LabelledSet set = pass == 0 ? train : test;
            using var simulation = new Simulation(network, new SimulationOptions { RecordSpikes = false });
            var frozenPresenter = new Presenter(simulation, p, scale, train.MaxValue, meanSum, p.ReadoutPresentMs ?? p.PresentMs, normalise: false);
            counts[pass] = new int[set.Count][];
            for (int s = 0; s < set.Count; s++)
            {
                counts[pass][s] = frozenPresenter.Present(set.Sample(s));
                progress?.Report(Interlocked.Increment(ref done) / total);
            }

            presentations[pass] = frozenPresenter.Presentations;
            meters[pass] = simulation.Meters(DiehlCookNetwork.InputProjection);
        });

        int[] assigned = ClassAssignment.Assign(counts[0], train.Labels, classes);
        double accuracy = ClassAssignment.Accuracy(counts[1], test.Labels, assigned, classes);
        var fields = new float[p.Neurons][];
        for (int j = 0; j < p.Neurons; j++)
        {
            fields[j] = new float[train.Length];
        }

        for (int k = 0; k < frozen.Input.Weights.Length; k++)
        {
            fields[frozen.Input.Targets[k]][frozen.Input.Sources[k]] = frozen.Input.Weights[k];
        }

        double Total(string meter) => learnMeters.GetValueOrDefault(meter) + meters.Sum(m => m.GetValueOrDefault(meter));
        int[] learnedLabels = [.. Enumerable.Range(0, learned).Select(s => train.Labels[s % train.Count])];
        return new DiehlCookResult(accuracy, p.Neurons, train.Count, test.Count, learnPresentations, presentations[0], presentations[1],
            learnSeconds, clock.Elapsed.TotalSeconds, scale, Curve(responses, learnedLabels, classes), assigned, fields, frozen.Theta)
        {
            BuildSeconds = buildSeconds,
            LearnCompileSeconds = compileSeconds,
            LearningPasses = p.LearningPasses,
            TestSpikesPerSample = counts[1].Average(c => (double)c.Sum()),
            EnergyJ = Total("energy_j"),
            ProgrammingPulses = (long)Total("programming_pulses"),
            LearningPulses = (long)learnMeters.GetValueOrDefault("learning_pulses"),
        };
    }

    /// <summary>
    /// The conductance scale k (nS per unit of weight) at which the mean training image drives the layer as the mean MNIST
    /// digit does in the paper: <see cref="DiehlCookParameters.ReferenceImageIntensity"/> over the mean image's summed intensity.
    /// </summary>
    public static double ConductanceScale(LabelledSet train, DiehlCookParameters p)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(p);
        return ScaleFor(Sum(train) / train.MaxValue / train.Count, p, train.Name);
    }

    /// <summary>k for training images of mean summed intensity <paramref name="meanImage"/> (pixel / full scale).</summary>
    private static double ScaleFor(double meanImage, DiehlCookParameters p, string name) =>
        meanImage > 0 ? p.ReferenceImageIntensity / meanImage : throw new ArgumentException($"{name}: every training image is blank");

    /// <summary>
    /// The factor that scales <paramref name="image"/>'s rates so that its summed value is <paramref name="meanSum"/>, the
    /// mean training image's (<see cref="DiehlCookParameters.EqualIntensity"/>); 1 for a blank image.
    /// </summary>
    public static double IntensityGain(ReadOnlySpan<float> image, double meanSum)
    {
        double sum = 0;
        foreach (float v in image)
        {
            sum += v;
        }

        return sum > 0 ? meanSum / sum : 1;
    }

    /// <summary>The sum of every value of every image.</summary>
    /// <summary>The images' mean summed value (raw pixel units), which equalised images are shown at.</summary>
    internal static double MeanSum(LabelledSet set) => Sum(set) / set.Count;

    private static double Sum(LabelledSet set)
    {
        double sum = 0;
        foreach (float v in set.Values)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>
    /// Accuracy while learning, the paper's way: the training responses in ten blocks, each block's samples classified
    /// with the classes assigned from the block before (labels used only to score).
    /// </summary>
    private static (int SamplesSeen, double Accuracy)[] Curve(int[][] responses, int[] labels, int classes)
    {
        int block = Math.Max(1, responses.Length / 10);
        var curve = new List<(int, double)>();
        for (int start = block; start + block <= responses.Length; start += block)
        {
            int[] assigned = ClassAssignment.Assign(responses[(start - block)..start], labels[(start - block)..start], classes);
            curve.Add((start + block, ClassAssignment.Accuracy(responses[start..(start + block)], labels[start..(start + block)], assigned, classes)));
        }

        return [.. curve];
    }

    /// <summary>Shows samples to one simulation of the network and counts the excitatory layer's answer.</summary>
    internal sealed class Presenter(Simulation simulation, DiehlCookParameters p, double conductanceScale, double maxValue, double meanSum, double presentMs, bool normalise)
    {
        private readonly double[] _rates = new double[simulation.Network.Population("input").Size];
        private readonly double[] _silence = new double[simulation.Network.Population("input").Size];
        private readonly double _unit = DiehlCookNetwork.WeightUnit(p, conductanceScale);

        /// <summary>Presentations so far, repeats included.</summary>
        public int Presentations { get; private set; }

        /// <summary>Shows <paramref name="sample"/> (repeating it while the response is too weak) and returns the spikes of each excitatory neuron.</summary>
        public int[] Present(ReadOnlySpan<float> sample)
        {
            double equalising = p.EqualIntensity ? IntensityGain(sample, meanSum) : 1;
            for (int k = 0; ; k++)
            {
                if (normalise)
                {
                    Normalise();
                }

                double gain = p.FullScaleRateHz / maxValue * (1 + (k / 2.0)) * equalising;
                for (int i = 0; i < _rates.Length; i++)
                {
                    _rates[i] = sample[i] * gain;
                }

                long[] before = simulation.SpikeCounts("exc");
                simulation.SetParameter("input", "rate_scale", _rates);
                simulation.Run(presentMs);
                long[] after = simulation.SpikeCounts("exc");
                simulation.SetParameter("input", "rate_scale", _silence);
                simulation.Run(p.RestMs);
                Presentations++;
                int[] counts = [.. after.Select((c, j) => (int)(c - before[j]))];
                if (counts.Sum() >= p.MinimumSpikes || k + 1 == p.MaximumPresentations)
                {
                    return counts;
                }
            }
        }

        /// <summary>Scales each excitatory neuron's input weights to sum to the paper's 78 per 784 inputs (clipped to w_max).</summary>
        public void Normalise()
        {
            double max = p.MaxWeight * _unit, weightSum = p.WeightSumPer784 * _unit * _rates.Length / 784.0;
            float cap = (float)max > max ? MathF.BitDecrement((float)max) : (float)max; // the largest float within the model's range
            simulation.NormaliseWeights(DiehlCookNetwork.InputProjection, weightSum, cap);
        }
    }
}
