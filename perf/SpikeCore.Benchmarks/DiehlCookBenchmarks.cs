using BenchmarkDotNet.Attributes;
using SpikeCore.Datasets;
using SpikeCore.Networks.Unsupervised;
using SpikeCore.Running;

namespace SpikeCore.Benchmarks;

/// <summary>
/// One learning presentation of the Diehl and Cook network as <c>spikecore learn</c> makes it (its presenter): the
/// input weights normalised, 350 ms of Poisson input at the image's rates, 150 ms of rest, STDP on (ideal synapses,
/// LIF neurons), for the digits (100 neurons) and Fashion-MNIST (400), the training images in turn (a weakly answered
/// image shown again counts in its time). The Brian2 comparison (perf/brian2/diehl_cook_pairs.py) is per presentation.
/// Each iteration starts a fresh network and learns its first 100 images after 20 unmeasured ones: shown far beyond one
/// pass, θ would keep growing and the responses weaken into repeats, a regime learning never reaches.
/// </summary>
[InvocationCount(100)]
public class DiehlCookBenchmarks
{
    private Simulation? _simulation;
    private DiehlCookExperiment.Presenter _presenter = null!;
    private LabelledSet _train = null!;
    private DiehlCookParameters _p = null!;
    private double _scale, _meanSum;
    private int _next;

    /// <summary>The data set (and its preset and layer size).</summary>
    [Params("digits8x8", "fashion-mnist")]
    public string Data { get; set; } = "digits8x8";

    [GlobalSetup]
    public void Setup()
    {
        (_train, _) = Data == "digits8x8" ? Sets.Digits8x8() : Sets.FashionMnist();
        _p = Data == "digits8x8" ? DiehlCookParameters.Digits8x8 : DiehlCookParameters.FashionMnist with { Neurons = 400 };
        _scale = DiehlCookExperiment.ConductanceScale(_train, _p);
        _meanSum = DiehlCookExperiment.MeanSum(_train);
    }

    [IterationSetup]
    public void Start()
    {
        _simulation?.Dispose();
        _simulation = new Simulation(DiehlCookNetwork.Build(_train.Length, _scale, _p, seed: 1).Build(), new SimulationOptions { RecordSpikes = false });
        _presenter = new DiehlCookExperiment.Presenter(_simulation, _p, _scale, _train.MaxValue, _meanSum, _p.PresentMs, normalise: true);
        for (_next = 0; _next < 20; _next++)
        {
            _presenter.Present(_train.Sample(_next));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _simulation?.Dispose();

    /// <summary>One training image learned (normalisation, 350 ms shown, 150 ms rest; again if weakly answered).</summary>
    [Benchmark]
    public int Present() => _presenter.Present(_train.Sample(_next++ % _train.Count)).Sum();
}
