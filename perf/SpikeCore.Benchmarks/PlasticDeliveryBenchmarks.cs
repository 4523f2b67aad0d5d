using BenchmarkDotNet.Attributes;
using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Models.Synapses;
using SpikeCore.Running;

namespace SpikeCore.Benchmarks;

/// <summary>
/// Delivery through plastic synapses against static ones, same network as <see cref="DeliveryBenchmarks"/> (420 Poisson
/// sources at 100 Hz, fixed out-degree, accumulate-only conductance targets that never fire, so STDP pays depression on
/// every arrival and no potentiation). In the <c>-firing</c> cases a 105 pA current makes the targets fire at about
/// 16 Hz, so STDP also pays potentiation (compare with <c>static-firing</c>). Target: within 2x of static per event.
/// </summary>
public class PlasticDeliveryBenchmarks
{
    private Simulation _simulation = null!;

    [Params("static", "stp", "stp-per-synapse", "stdp", "stdp-triplet", "static-firing", "stdp-firing")]
    public string Synapse { get; set; } = "static";

    [Params(2_000, 400_000)]
    public int Targets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SynapseModel? model = Synapse switch
        {
            "stp" => TsodyksMarkram.Depressing,
            "stp-per-synapse" => TsodyksMarkram.Depressing with { U = Distribution.Uniform(0.4, 0.6) },
            "stdp" or "stdp-firing" => new Stdp { MaxWeight = 0.01 },
            "stdp-triplet" => new TripletStdp { MaxWeight = 0.01 },
            _ => null,
        };
        bool firing = Synapse.EndsWith("-firing", StringComparison.Ordinal);
        var builder = new NetworkBuilder(3)
            .AddPopulation("src", 420, PoissonSource.Constant(100))
            .AddPopulation("dst", Targets, firing ? LifCondExp.Default with { StepMs = 1 } : LifCondExp.Default with { StepMs = 10, ThresholdMv = 1e6 })
            .Connect("src", "dst", Connectivity.FixedOutDegree(Targets / 10 > 40_000 ? 40_000 : Targets / 10), 0.001, 10.0, "excitatory", model);
        if (firing)
        {
            builder.InjectCurrent(CurrentInjection.Constant("dst", 105));
        }

        Network net = builder.Build();
        _simulation = new Simulation(net, SimulationOptions.Default with { RecordSpikes = false });
        _simulation.Run(100);
    }

    [GlobalCleanup]
    public void Cleanup() => _simulation.Dispose();

    /// <summary>100 ms of input (divide by the returned synaptic events for ns/event).</summary>
    [Benchmark]
    public long Deliver100Ms()
    {
        long before = _simulation.Statistics.SynapticEvents;
        _simulation.Run(100);
        return _simulation.Statistics.SynapticEvents - before;
    }
}
