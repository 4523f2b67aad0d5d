using BenchmarkDotNet.Attributes;
using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Networks;
using SpikeCore.Running;

namespace SpikeCore.Benchmarks;

/// <summary>
/// The COBA step kernel: 4,000 conductance LIF neurons stepped at 0.1 ms with no synapses, driven by a current so that
/// they keep firing (the fused vector step alone, about 10⁴ steps per simulated second), and the COBA network's 1 ms
/// (steps plus its deliveries) for comparison.
/// </summary>
public class CobaStepBenchmarks
{
    private Simulation _steps = null!, _steps32 = null!, _coba = null!;

    [GlobalSetup]
    public void Setup()
    {
        Network alone = Driven(LifCondExp.Default);
        Network alone32 = Driven(LifCondExp.Default with { Precision = Precision.Binary32 });
        _steps = new Simulation(alone, SimulationOptions.Default with { RecordSpikes = false });
        _steps32 = new Simulation(alone32, SimulationOptions.Default with { RecordSpikes = false });
        _coba = new Simulation(BenchmarkNetworks.Coba(seed: 1).Build(), SimulationOptions.Default with { RecordSpikes = false });
        _steps.Run(10);
        _steps32.Run(10);
        _coba.Run(10);
    }

    /// <summary>
    /// 4,000 neurons with V from U(−60, −50) mV and 110 pA each (V∞ = −49 mV, 1 mV above threshold: each fires about
    /// every 53 ms, out of phase): without a drive the population would come to rest and its steps be skipped.
    /// </summary>
    private static Network Driven(LifCondExp model) => new NetworkBuilder(1)
        .AddPopulation("n", 4000, model, p => p.WithInitial("v_mv", Distribution.Uniform(-60, -50)))
        .InjectCurrent(CurrentInjection.Constant("n", 110))
        .Build();

    [GlobalCleanup]
    public void Cleanup()
    {
        _steps.Dispose();
        _steps32.Dispose();
        _coba.Dispose();
    }

    /// <summary>10 steps of 4,000 neurons without synaptic input (divide by 40,000 for the cost of a neuron-step).</summary>
    [Benchmark]
    public double Step1Ms()
    {
        _steps.Run(1);
        return _steps.TimeMs;
    }

    /// <summary>As <see cref="Step1Ms"/> in float (<see cref="Precision.Binary32"/>).</summary>
    [Benchmark]
    public double Step1MsFloat32()
    {
        _steps32.Run(1);
        return _steps32.TimeMs;
    }

    /// <summary>1 ms of the COBA network: its 2 × 10 population steps and the deliveries between them.</summary>
    [Benchmark]
    public double Coba1Ms()
    {
        _coba.Run(1);
        return _coba.TimeMs;
    }
}
