using System.Runtime;

namespace SpikeCore.Networks.Unsupervised;

/// <summary>What <see cref="DiehlCookExperiment.Run"/> measured.</summary>
/// <param name="Accuracy">Test samples classified right, by the classes assigned on the training set after learning.</param>
/// <param name="Neurons">Excitatory neurons.</param>
/// <param name="TrainSamples">Training samples learned from (each pass shows them all).</param>
/// <param name="TestSamples">Test samples scored.</param>
/// <param name="LearnPresentations">Presentations while learning, every pass (repeats of weak responses included).</param>
/// <param name="LabelPresentations">Presentations of the labelling pass.</param>
/// <param name="TestPresentations">Presentations of the test pass.</param>
/// <param name="LearnSeconds">Wall time of learning (all its passes), from the first presentation to the last normalisation.</param>
/// <param name="WallSeconds">Wall time of all three passes.</param>
/// <param name="ConductanceScale">nS per unit of input weight (<see cref="DiehlCookExperiment.ConductanceScale"/>).</param>
/// <param name="Curve">Accuracy while learning, by samples seen (each block scored with the classes of the block before).</param>
/// <param name="Assigned">Each neuron's class (−1: never fired while labelling).</param>
/// <param name="ReceptiveFields">Each neuron's learned input weights (nS, or V for threshold switches), by input pixel.</param>
/// <param name="Theta">Each neuron's adaptive threshold θ after learning (mV, or V for threshold switches).</param>
public sealed record DiehlCookResult(
    double Accuracy,
    int Neurons,
    int TrainSamples,
    int TestSamples,
    int LearnPresentations,
    int LabelPresentations,
    int TestPresentations,
    double LearnSeconds,
    double WallSeconds,
    double ConductanceScale,
    IReadOnlyList<(int SamplesSeen, double Accuracy)> Curve,
    int[] Assigned,
    float[][] ReceptiveFields,
    double[] Theta)
{
    /// <summary>Excitatory spikes per test sample (its answering presentation), averaged over the test set.</summary>
    public double TestSpikesPerSample { get; init; }

    /// <summary>Energy of the input array in all three passes (reads, programming, verifies), J; 0 for ideal synapses.</summary>
    public double EnergyJ { get; init; }

    /// <summary>Programming pulses of the input arrays in all three passes (initial programming, learning, normalisation, transfer).</summary>
    public long ProgrammingPulses { get; init; }

    /// <summary>Pulses the learning rule and the normalisation asked for while learning.</summary>
    public long LearningPulses { get; init; }

    /// <summary>Wall time of building the learning network and its simulation (before <see cref="LearnSeconds"/>).</summary>
    public double BuildSeconds { get; init; }

    /// <summary>
    /// The part of <see cref="LearnSeconds"/> .NET's JIT spent compiling code on first use (<see cref="JitInfo"/>): a
    /// one-time cost, as Brian2's C++ compilation, which its main loop time excludes.
    /// </summary>
    public double LearnCompileSeconds { get; init; }

    /// <summary>Passes over the training samples while learning.</summary>
    public int LearningPasses { get; init; } = 1;

    /// <summary>Samples shown while learning: <see cref="TrainSamples"/> × <see cref="LearningPasses"/>.</summary>
    public int LearnedSamples => TrainSamples * LearningPasses;

    /// <summary>Wall time of learning per training sample shown.</summary>
    public double LearnMsPerSample => 1000 * LearnSeconds / LearnedSamples;
}
