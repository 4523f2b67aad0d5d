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
}
