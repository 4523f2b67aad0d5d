using BenchmarkDotNet.Attributes;
using SpikeCore.Building;
using SpikeCore.Models.Neurons;
using SpikeCore.Running;

namespace SpikeCore.Benchmarks;

/// <summary>
/// A population of 4000 Hodgkin-Huxley neurons at dt = 0.01 ms under a constant current (firing about 70 Hz): one
/// invocation advances 10 simulated ms (1000 vectorised steps). Target: at least 10 simulated ms per wall second.
/// </summary>
public class HhBenchmarks
{
    private Simulation _simulation = null!;

    [Params("squid-rk4", "squid-expeuler", "traub-expeuler")]
    public string Model { get; set; } = "squid-rk4";

    [GlobalSetup]
    public void Setup()
    {
        (NeuronModel model, double current) = Model switch
        {
            "squid-rk4" => ((NeuronModel)HodgkinHuxley.Default, 10.0),
            "squid-expeuler" => (HodgkinHuxley.Default with { Scheme = HhScheme.ExponentialEuler }, 10.0),
            _ => (TraubMiles.Default, 200.0),
        };
        var net = new NetworkBuilder()
            .AddPopulation("hh", 4000, model, p => p.WithInitial("v_mv", Distribution.Uniform(-70, -60)))
            .InjectCurrent(CurrentInjection.Constant("hh", current))
            .Build();
        _simulation = new Simulation(net, new SimulationOptions { RecordSpikes = false });
        _simulation.Run(10);
    }

    [GlobalCleanup]
    public void Cleanup() => _simulation.Dispose();

    [Benchmark]
    public void Advance10Ms() => _simulation.Run(10);
}
