using BenchmarkDotNet.Attributes;
using SpikeCore.Compiled;
using SpikeCore.Reservoir.Audio;
using SpikeCore.Reservoir.Encoding;
using SpikeCore.Reservoir.FrontEnd;
using SpikeCore.Reservoir.Reservoirs;
using SpikeCore.Reservoir.Tasks;

namespace SpikeCore.Benchmarks;

/// <summary>
/// The stages of one spoken digit: 0.5 s of synthetic 8 kHz audio through each front end, the digits liquid (512 LIF
/// neurons, STP) on 64 channels of LIF-encoded input, and the device reservoir (64 channels × 4 virtual nodes).
/// </summary>
public class ReservoirBenchmarks
{
    private AudioClip _clip = null!;
    private Cochleagram _cochleagram = null!;
    private Network _liquid = null!;
    private IReadOnlyList<double>[] _inputs = [];
    private DeviceReservoir _devices = null!;
    private double[][] _deviceInput = [];

    [GlobalSetup]
    public void Setup()
    {
        var r = new System.Random(1);
        _clip = new AudioClip(Enumerable.Range(0, 4000).Select(i => (float)((0.3 * Math.Sin(i * 0.3)) + (0.1 * Math.Sin(i * 1.7)) + (0.05 * r.NextDouble()))).ToArray(), 8000);
        var experiment = new DigitsExperiment();
        _cochleagram = Cochleagram.Compute(_clip, experiment.FrontEnd);
        _liquid = LiquidStateMachine.Build(experiment.Liquid, experiment.FrontEnd.Channels, 1).Build();
        var encoder = new LifCurrentEncoder();
        _inputs = Enumerable.Range(0, experiment.FrontEnd.Channels)
            .Select(ch => (IReadOnlyList<double>)encoder.Encode(_cochleagram.Frames.Select(f => (double)f[ch]).ToArray(), 1, 1, _cochleagram.HopMs))
            .ToArray();
        _devices = new DeviceReservoir(experiment.Device, experiment.FrontEnd.Channels, 1);
        _deviceInput = _cochleagram.Frames.Select(f => f.Select(x => Math.Clamp((x + 2) / 4.0, 0, 1)).ToArray()).ToArray();
    }

    [Benchmark]
    public Cochleagram GammatoneFrontEnd() => Cochleagram.Compute(_clip, new FrontEndOptions { Channels = 64 });

    [Benchmark]
    public Cochleagram LyonFrontEnd() => Cochleagram.Compute(_clip, new FrontEndOptions { Channels = 64, Filterbank = FilterbankKind.Lyon });

    [Benchmark]
    public double[] Liquid() => LiquidStateMachine.SegmentCounts(_liquid, _inputs, (_cochleagram.Frames.Length * _cochleagram.HopMs) + 20, 2);

    [Benchmark]
    public double[][] DeviceReservoir() => _devices.Run(_deviceInput);
}
