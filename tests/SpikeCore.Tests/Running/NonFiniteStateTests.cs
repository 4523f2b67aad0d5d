using System.Text.Json;
using SpikeCore.Building;
using SpikeCore.Checkpoints;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Running;

namespace SpikeCore.Tests.Running;

/// <summary>The scheduler refuses to go on when any model's state stops being finite.</summary>
public class NonFiniteStateTests
{
    [Fact]
    public void A_population_whose_state_becomes_nan_stops_the_run_with_its_name()
    {
        var net = new NetworkBuilder()
            .AddPopulation("in", 1, new SpikeTimesSource([[2.0]]))
            .AddPopulation("fragile", 3, new NanOnInput())
            .Connect("in", "fragile", Connectivity.AllToAll(), 1.0, 1.0, "input")
            .Build();
        using var sim = new Simulation(net);
        sim.Run(2.5); // before the input arrives at 3 ms: fine
        var e = Assert.Throws<InvalidOperationException>(() => sim.Run(5));
        Assert.Contains("population 'fragile' neuron 0: the state is no longer finite at t = 7.5 ms", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A source driving one neuron that turns NaN at 3 ms (ids 0, 1) and 200 healthy lif_exp neurons (the rest of the ids).</summary>
    internal static Network NanNetwork() => new NetworkBuilder()
        .AddPopulation("in", 1, new SpikeTimesSource([[2.0]]))
        .AddPopulation("fragile", 1, new NanOnInput())
        .AddPopulation("healthy", 200, LifExp.Default)
        .Connect("in", "fragile", Connectivity.AllToAll(), 1.0, 1.0, "input")
        .Connect("in", "healthy", Connectivity.AllToAll(), 1.0, 1.0, "excitatory")
        .Build();

    /// <summary>A test model whose neurons turn NaN when they receive any input.</summary>
    private sealed record NanOnInput : NeuronModel
    {
        public override string Name => "nan_on_input";

        public override IReadOnlyList<string> Receptors => ["input"];

        public override IReadOnlyList<string> StateVariables => ["x"];

        public override void Validate(ICollection<string> errors, string path, int populationSize)
        {
        }

        internal override void WriteParameters(Utf8JsonWriter writer)
        {
        }

        internal override PopulationRuntime CreateRuntime(PopulationLayout layout) => new Runtime(layout);

        private sealed class Runtime(PopulationLayout layout) : PopulationRuntime(layout)
        {
            private readonly double[] _x = new double[layout.Info.Size];

            public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
            {
                foreach (int j in targets)
                {
                    _x[j] = double.NaN;
                }
            }

            public override void Checkpoint(StateArchive a) => a.Values(_x.AsSpan());

            public override int FirstNonFiniteNeuron() => Array.FindIndex(_x, x => !double.IsFinite(x));

            public override double Sample(int local, int variable, double timeMs) => _x[local];
        }
    }
}
