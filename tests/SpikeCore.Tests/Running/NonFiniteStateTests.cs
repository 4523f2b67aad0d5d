using System.Text.Json;
using SpikeCore.Building;
using SpikeCore.Checkpoints;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Running;
using SpikeCore.Runtimes;

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
        var e = Assert.Throws<NonFiniteStateException>(() => sim.Run(5));
        // The input arrives at 3 ms; states are checked every 10 ms of simulated time and at the end of every run.
        Assert.Contains("population 'fragile' neuron 0: the state became non-finite between t = 2.5 ms (every state finite) and t = 7.5 ms", e.Message, StringComparison.Ordinal);
        Assert.Equal(7.5, sim.TimeMs);
    }

    /// <summary>
    /// Fragile neurons 250 and 10 turn NaN when inputs reach them (at the given times), among 300 fragile and 400 healthy
    /// neurons, so on several partitions the two are in different partitions.
    /// </summary>
    private static Network TwoNans(double first250Ms, double then10Ms) => new NetworkBuilder()
        .AddPopulation("in", 2, new SpikeTimesSource([[first250Ms - 1], [then10Ms - 1]]))
        .AddPopulation("healthy", 400, LifExp.Default)
        .AddPopulation("fragile", 300, new NanOnInput())
        .Connect("in", "fragile", Connectivity.Explicit([0, 1], [250, 10]), 1.0, 1.0, "input")
        .Connect("in", "healthy", Connectivity.AllToAll(), 1.0, 1.0, "excitatory")
        .Connect("healthy", "healthy", Connectivity.Bernoulli(0.05), 0.5, 0.5, "excitatory")
        .Build();

    [Theory]
    [InlineData(3.2, 3.7, "neuron 10: the state became non-finite between t = 0 ms (every state finite) and t = 7.5 ms")]   // same check: the first neuron
    [InlineData(3.2, 12.0, "neuron 250: the state became non-finite between t = 0 ms (every state finite) and t = 7.5 ms")]  // the earlier check wins
    [InlineData(8.0, 13.0, "neuron 250: the state became non-finite between t = 7.5 ms (every state finite) and t = 10 ms")] // the grid of checks
    [InlineData(12.0, 25.0, "neuron 250: the state became non-finite between t = 10 ms (every state finite) and t = 20 ms")]
    public void The_first_non_finite_state_is_reported_alike_on_any_partition_count(double first250Ms, double then10Ms, string expected)
    {
        Network net = TwoNans(first250Ms, then10Ms);
        double? stoppedAtMs = null;
        foreach ((int threads, int partitions) in new[] { (1, 1), (2, 2), (2, 3), (3, 5) })
        {
            using var sim = new Simulation(net, new SimulationOptions { Threads = threads, Partitions = partitions });
            var e = Assert.Throws<NonFiniteStateException>(() => { sim.Run(7.5); sim.Run(20); });
            Assert.Contains("population 'fragile' " + expected, e.Message, StringComparison.Ordinal);
            stoppedAtMs ??= sim.TimeMs;
            Assert.Equal(stoppedAtMs, sim.TimeMs); // every partition count stops at the check that found it
        }
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

        /// <inheritdoc/>
        public override PopulationRuntime CreateRuntime(PopulationLayout layout) => new Runtime(layout);

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
