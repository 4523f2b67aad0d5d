using BenchmarkDotNet.Attributes;
using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Running;

namespace SpikeCore.Benchmarks;

/// <summary>
/// Spike delivery through static synapses, end to end through the scheduler: Poisson sources project onto a
/// population with fixed out-degree. The conductance target (accumulate only) isolates delivery; the exact LIF
/// target adds the per-input threshold bound. Small: synapses fit in cache; large: 16.8M synapses (~135 MB) do not.
/// </summary>
public class DeliveryBenchmarks
{
    private Network _network = null!;
    private Simulation _simulation = null!;

    [Params(false, true)]
    public bool ExactLif { get; set; }

    [Params(2_000, 400_000)]
    public int Targets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        NeuronModel target = ExactLif ? LifExp.Default with { ThresholdMv = 1e6 } : LifCondExp.Default with { StepMs = 10, ThresholdMv = 1e6 };
        _network = new NetworkBuilder(3)
            .AddPopulation("src", 420, PoissonSource.Constant(100))
            .AddPopulation("dst", Targets, target)
            .Connect("src", "dst", Connectivity.FixedOutDegree(Targets / 10 > 40_000 ? 40_000 : Targets / 10), 0.001, 10.0, "excitatory")
            .Build();
        _simulation = new Simulation(_network, SimulationOptions.Default with { RecordSpikes = false });
        _simulation.Run(100);
    }

    [GlobalCleanup]
    public void Cleanup() => _simulation.Dispose();

    /// <summary>100 ms of input: 420 sources × 10 spikes × out-degree synaptic events (divide by them for ns/event).</summary>
    [Benchmark]
    public long Deliver100Ms()
    {
        long before = _simulation.Statistics.SynapticEvents;
        _simulation.Run(100);
        return _simulation.Statistics.SynapticEvents - before;
    }
}
