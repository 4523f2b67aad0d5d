using SpikeCore.Building;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;

namespace SpikeCore.Tests.Building;

public class ValidationTests
{
    [Fact]
    public void Build_reports_every_problem_at_once_with_names()
    {
        var builder = new NetworkBuilder()
            .WithDelayResolution(0.1)
            .AddPopulation("E", 10, LifExp.Default with { MembraneTauMs = -20 })
            .AddPopulation("E", 0, LifExp.Default)
            .AddPopulation("src", 4, PoissonSource.Constant(5))
            .AddPopulation("X", 3, LifExp.Default, p => p.WithInitial("voltage", 1.0))
            .Connect("E", "missing", Connectivity.Bernoulli(1.5), double.NaN, 0.05, "excitatory")
            .Connect("E", "src", Connectivity.AllToAll(), 1, 1, "excitatory")
            .Connect("E", "X", Connectivity.FixedInDegree(11), 1, 1, "excitatory")
            .Connect("E", "X", Connectivity.OneToOne(), 1, 1, "dendrite")
            .Connect("E", "X", Connectivity.Explicit([0, 12], [0, 1]), 1, 1, "excitatory")
            .Connect("E", "X", Connectivity.DistanceDependent(0.5, 0), 1, 1, "excitatory")
            .InjectCurrent(new CurrentInjection("src", [0.0, 0.0], [1, 2]));
        var e = Assert.Throws<NetworkValidationException>(() => builder.Build());
        string[] expected =
        [
            "'E'.lif_exp.membrane_tau_ms: must be a finite number > 0 (got -20)",
            "populations[1] 'E'.name: duplicate population name",
            "populations[1] 'E'.size: must be >= 1 (got 0)",
            "initial.voltage: model 'lif_exp' has no state variable 'voltage'",
            ".to: no population named 'missing'",
            ".rule.p: must be in [0, 1] (got 1.5)",
            ".weight: must be a finite number (got NaN)",
            ".delay_ms: 0.05 ms is shorter than the delay resolution 0.1 ms",
            "model 'poisson' of 'src' takes no synaptic input",
            ".rule.k: 11 distinct partners requested but only 10 exist",
            "model 'lif_exp' has no receptor 'dendrite'",
            "one_to_one needs equal sizes (got 10 and 3)",
            ".rule.sources[1]: index 12 is out of range [0, 10)",
            ".rule.lambda: must be a finite number > 0 (got 0)",
            "distance-dependent connectivity needs positions for 'E'",
            "currents[0] 'src'.population: model 'poisson' takes no injected current",
            "currents[0] 'src'.times_ms[1]: step times must be finite, >= 0 and strictly increasing",
        ];
        foreach (string fragment in expected)
        {
            Assert.Contains(e.Errors, m => m.Contains(fragment, StringComparison.Ordinal));
        }

        Assert.Contains("Invalid network:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_value_lists_must_match_the_synapse_count()
    {
        var e = Assert.Throws<NetworkValidationException>(() => new NetworkBuilder()
            .AddPopulation("a", 3, LifExp.Default)
            .Connect("a", "a", Connectivity.OneToOne(), Distribution.FromValues([1, 2]), Distribution.FromValues([1.0, 1, 1, 1]), "excitatory")
            .Build());
        Assert.Contains(e.Errors, m => m.Contains("weight: 2 values given but the rule made 3 synapses"));
        Assert.Contains(e.Errors, m => m.Contains("delay_ms: 4 values given but the rule made 3 synapses"));

        var empty = Assert.Throws<NetworkValidationException>(() => new NetworkBuilder()
            .AddPopulation("a", 3, LifExp.Default)
            .Connect("a", "a", Connectivity.OneToOne(), Distribution.FromValues([]), 1.0, "excitatory")
            .Build());
        Assert.Contains(empty.Errors, m => m.Contains("weight: 0 values given but the rule made 3 synapses"));
    }

    [Fact]
    public void Simulation_arguments_are_checked()
    {
        var net = new NetworkBuilder().AddPopulation("a", 2, LifExp.Default).Build();
        using var sim = new SpikeCore.Running.Simulation(net);
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run(-1));
        Assert.Throws<ArgumentException>(() => sim.RecordState("a", [0], "w", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.RecordState("a", [2], "v_mv", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.RecordState("a", [0], "v_mv", 0));
        Assert.Throws<KeyNotFoundException>(() => sim.RecordState("b", [0], "v_mv", 1));
    }
}
