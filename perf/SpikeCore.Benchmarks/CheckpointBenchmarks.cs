using BenchmarkDotNet.Attributes;
using SpikeCore.Compiled;
using SpikeCore.Networks;
using SpikeCore.Running;

namespace SpikeCore.Benchmarks;

/// <summary>
/// Saving and loading a checkpoint of the scaled CUBA network after 200 ms (state, queue, recorded spikes): the file is
/// written to a temporary file, flushed to disk and renamed, and read back after its SHA-256 is verified.
/// </summary>
public class CheckpointBenchmarks
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"spikecore-bench-{Environment.ProcessId}.spkc");
    private Network _network = null!;
    private Simulation _simulation = null!;

    [Params(40_000, 400_000)]
    public int Neurons { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _network = BenchmarkNetworks.Scaled(conductanceBased: false, Neurons, seed: 1).Build();
        _simulation = new Simulation(_network);
        _simulation.Run(200);
        _simulation.Save(_path);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _simulation.Dispose();
        File.Delete(_path);
    }

    [Benchmark]
    public void Save() => _simulation.Save(_path);

    /// <summary>Builds the simulation's state for the network and restores it (the network itself is compiled once).</summary>
    [Benchmark]
    public double Load()
    {
        using Simulation loaded = Simulation.Load(_path, _network);
        return loaded.TimeMs;
    }
}
