using SpikeCore.Compiled;
using SpikeCore.Reservoir.Reservoirs;

namespace SpikeCore.Reservoir.Tests.Reservoirs;

public class LiquidStateMachineTests
{
    private static readonly LsmOptions s_small = new() { GridX = 5, GridY = 5, GridZ = 4 };

    private static IReadOnlyList<double>[] Input(int seed) =>
        Enumerable.Range(0, 4).Select(ch => (IReadOnlyList<double>)Enumerable.Range(0, 20).Select(k => 5 + (k * 10.0) + ((ch * seed) % 7)).ToArray()).ToArray();

    [Fact]
    public void One_liquid_serves_every_input_and_the_same_input_gives_the_same_state()
    {
        Network liquid = LiquidStateMachine.Build(s_small, inputChannels: 4, seed: 3).Build();
        Assert.Equal(104, liquid.NeuronCount);
        Assert.Equal(80, liquid.Population("E").Size);
        double[] a = LiquidStateMachine.SegmentCounts(liquid, Input(1), 250, 3);
        double[] again = LiquidStateMachine.SegmentCounts(liquid, Input(1), 250, 3);
        double[] other = LiquidStateMachine.SegmentCounts(liquid, Input(2), 250, 3);
        Assert.Equal(3 * 100, a.Length);
        Assert.Equal(a, again);
        Assert.NotEqual(a, other);
        Assert.True(a.Sum() > 50, $"the liquid answers its input ({a.Sum()} spikes)");
        Assert.Equal(0, LiquidStateMachine.SegmentCounts(liquid, Enumerable.Range(0, 4).Select(_ => (IReadOnlyList<double>)[]).ToArray(), 250, 3).Sum());
    }

    [Fact]
    public void Replacement_models_are_checked()
    {
        Network liquid = LiquidStateMachine.Build(s_small, inputChannels: 4, seed: 3).Build();
        var wrongSize = Input(1).Take(3).ToArray();
        var e = Assert.Throws<SpikeCore.Building.NetworkValidationException>(() => LiquidStateMachine.SegmentCounts(liquid, wrongSize, 100, 2));
        Assert.Contains("ReplaceModels['input'].spike_times", e.Errors[0], StringComparison.Ordinal);
        var options = new SpikeCore.Running.SimulationOptions
        {
            ReplaceModels = new Dictionary<string, NeuronModel> { ["nope"] = new SpikeCore.Models.Sources.SpikeTimesSource([[1.0]]) },
        };
        Assert.Contains("no population named 'nope'", Assert.Throws<SpikeCore.Building.NetworkValidationException>(() => new SpikeCore.Running.Simulation(liquid, options)).Errors[0], StringComparison.Ordinal);
        var wrongModel = new SpikeCore.Running.SimulationOptions
        {
            ReplaceModels = new Dictionary<string, NeuronModel> { ["input"] = SpikeCore.Models.Sources.PoissonSource.Constant(5) },
        };
        Assert.Contains("must be a spike_times model", Assert.Throws<SpikeCore.Building.NetworkValidationException>(() => new SpikeCore.Running.Simulation(liquid, wrongModel)).Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Without_input_each_group_decays_with_its_own_membrane_time_constant()
    {
        LsmOptions grouped = s_small with { TimeConstantGroups = 3, MembraneTauRangeMs = (10, 90) };
        Network liquid = LiquidStateMachine.Build(grouped, inputChannels: 2, seed: 4).Build();
        Assert.Equal(["input", "E0", "I0", "E1", "I1", "E2", "I2"], liquid.Populations.Select(p => p.Name));
        Assert.Equal(30, grouped.MembraneTauOfGroup(1), 1e-12); // log-spaced: 10, 30, 90
        LiquidResponse r = LiquidStateMachine.Run(liquid, [[], []], 50, sampleEveryMs: 5);
        Assert.Empty(r.SpikeTimesMs); // every neuron starts below threshold and only decays
        Assert.Equal(10, r.MembraneMv!.Length);
        int neuron = 0;
        foreach (var population in liquid.Populations.Skip(1))
        {
            double tau = grouped.MembraneTauOfGroup(int.Parse(population.Name[1..], System.Globalization.CultureInfo.InvariantCulture));
            for (int j = 0; j < population.Size; j++, neuron++)
            {
                Assert.Equal(Math.Exp(-5 * 9 / tau), r.MembraneMv[9][neuron] / r.MembraneMv[0][neuron], 1e-9); // V(50)/V(5), rest 0
            }
        }
    }

    [Fact]
    public void Adaptation_makes_excitatory_neurons_fire_less_as_a_steady_input_goes_on()
    {
        // No recurrence, every channel firing at 200 Hz for 600 ms: compare the last third with the first.
        LsmOptions quiet = s_small with { RecurrentScale = 0, InputConnectivity = 0.5, InputWeight = 20 };
        IReadOnlyList<double>[] steady = Enumerable.Range(0, 4).Select(ch => (IReadOnlyList<double>)Enumerable.Range(0, 120).Select(k => 1 + (k * 5.0) + ch).ToArray()).ToArray();
        double Ratio(LsmOptions options)
        {
            Network liquid = LiquidStateMachine.Build(options, inputChannels: 4, seed: 6).Build();
            double[] counts = LiquidStateMachine.SegmentCounts(liquid, steady, 600, 3);
            int e = liquid.Population("E").Size;
            return counts.Skip(200).Take(e).Sum() / counts.Take(e).Sum();
        }

        Network adapting = LiquidStateMachine.Build(quiet with { AdaptationMv = 4 }, 4, 6).Build();
        Assert.IsType<SpikeCore.Models.Neurons.LifAdapt>(adapting.Population("E").Model);
        Assert.IsType<SpikeCore.Models.Neurons.LifExp>(adapting.Population("I").Model);
        double plain = Ratio(quiet), adapted = Ratio(quiet with { AdaptationMv = 4 });
        Assert.InRange(plain, 0.8, 1.25); // without adaptation the response is steady
        Assert.True(adapted < 0.8 * plain, $"adapting E neurons: last/first third {adapted} vs {plain} without adaptation");
    }

    [Fact]
    public void Impossible_liquids_are_named()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => LiquidStateMachine.Build(s_small with { GridX = 0, ExcitatoryFraction = 1 }, 1, 1));
        Assert.Contains("grid", e.Message, StringComparison.Ordinal);
        Assert.Contains("excitatory fraction", e.Message, StringComparison.Ordinal);
        Assert.Contains("membrane tau range", Assert.Throws<ArgumentException>(() => LiquidStateMachine.Build(s_small with { TimeConstantGroups = 2, MembraneTauRangeMs = (10, 5) }, 1, 1)).Message, StringComparison.Ordinal);
    }
}
