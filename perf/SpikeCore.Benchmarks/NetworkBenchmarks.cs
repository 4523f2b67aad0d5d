using BenchmarkDotNet.Attributes;
using SpikeCore.Compiled;
using SpikeCore.Networks;
using SpikeCore.Running;

namespace SpikeCore.Benchmarks;

/// <summary>Network construction (synapses per second) and the CUBA/COBA benchmarks end to end.</summary>
public class NetworkBenchmarks
{
    private Network _cuba = null!;
    private Network _coba = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cuba = BenchmarkNetworks.Cuba().Build();
        _coba = BenchmarkNetworks.Coba().Build();
    }

    /// <summary>Build CUBA: 4000 neurons, about 320,000 synapses.</summary>
    [Benchmark]
    public long BuildCuba() => BenchmarkNetworks.Cuba().Build().SynapseCount;

    /// <summary>Build a 40,000-neuron CUBA (about 32 million synapses).</summary>
    [Benchmark]
    public long BuildCuba40k() => BenchmarkNetworks.Cuba(neurons: 40_000).Build().SynapseCount;

    /// <summary>One simulated second of CUBA (exact event-driven LIF).</summary>
    [Benchmark]
    public long CubaOneSecond()
    {
        using var sim = new Simulation(_cuba, SimulationOptions.Default with { RecordSpikes = false });
        sim.Run(1000);
        return sim.Statistics.Spikes;
    }

    /// <summary>One simulated second of COBA (clocked conductance LIF, 0.1 ms).</summary>
    [Benchmark]
    public long CobaOneSecond()
    {
        using var sim = new Simulation(_coba, SimulationOptions.Default with { RecordSpikes = false });
        sim.Run(1000);
        return sim.Statistics.Spikes;
    }
}
