using BenchmarkDotNet.Attributes;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Training;
using SpikeCore.Networks.Supervised;

namespace SpikeCore.Benchmarks;

/// <summary>
/// One online training step (forward read, backward read, pulsed update) of the 784-100-10 MLP on table1_target arrays,
/// per update rule, and the same step in float; a Fashion-MNIST-like input (half the pixels dark). The speed
/// target, a 60,000-image epoch in under 60 s on one core, is a step of at most 1 ms.
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private Mlp _network = null!;
    private float[][] _images = null!;
    private int[] _labels = null!;
    private int _next;

    /// <summary>float, or the update rule on arrays.</summary>
    [Params("float", "sgd", "manhattan", "write-verify", "ttv2", "mixed")]
    public string Rule { get; set; } = "float";

    [GlobalSetup]
    public void Setup()
    {
        MlpParameters p = MlpParameters.FashionMnist;
        if (Rule != "float")
        {
            p = p with { Preset = DevicePresets.Table1Target, Algorithm = TrainingAlgorithms.Find(Rule)!.Value };
        }

        _network = MlpExperiment.Build(784, 10, p, seed: 1);
        (SpikeCore.Datasets.LabelledSet train, _) = SpikeCore.Datasets.Sets.FashionMnist();
        _images = [.. Enumerable.Range(0, 256).Select(k => train.Sample(k).ToArray().Select(v => v / 255f).ToArray())];
        _labels = train.Labels[..256];
    }

    /// <summary>One sample learned.</summary>
    [Benchmark]
    public void Step()
    {
        int k = _next++ & 255;
        _network.Train(_images[k], _labels[k], 0.05);
    }
}
