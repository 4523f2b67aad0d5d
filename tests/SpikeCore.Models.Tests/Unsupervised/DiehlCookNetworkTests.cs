using SpikeCore.Networks.Unsupervised;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests.Unsupervised;

public class DiehlCookNetworkTests
{
    private static readonly DiehlCookParameters Small = new() { Neurons = 12 };

    /// <summary>Rates of a 16-pixel "image" with a bright left half.</summary>
    private static double[] Rates() => [.. Enumerable.Range(0, 16).Select(i => i % 4 < 2 ? 2000.0 : 100.0)];

    private static (long[] Counts, ulong Hash) Show(Simulation simulation, double[] rates)
    {
        simulation.SetParameter("input", "rate_scale", rates);
        simulation.Run(350);
        simulation.SetParameter("input", "rate_scale", new double[rates.Length]);
        simulation.Run(150);
        return (simulation.SpikeCounts("exc"), simulation.Statistics.SpikeHash);
    }

    [Fact]
    public void Frozen_network_without_learning_spikes_exactly_as_the_learning_one()
    {
        // With no learning (η = 0, θ+ = 0) the learning network's weights stay as drawn; the frozen network built from
        // them (explicit synapses, weights and delays read back, thresholds V_θ + θ) must then fire the same spikes.
        DiehlCookParameters still = Small with { LearningRatePre = 0, LearningRatePost = 0, ThetaPlusMv = 0 };
        using var learning = new Simulation(DiehlCookNetwork.Build(16, 1, still, seed: 3).Build(), new SimulationOptions { RecordSpikes = false });
        var frozen = new DiehlCookNetwork.Frozen(learning.Weights(DiehlCookNetwork.InputProjection), new double[still.Neurons]);
        using var replay = new Simulation(DiehlCookNetwork.Build(16, 1, still, seed: 3, frozen).Build(), new SimulationOptions { RecordSpikes = false });
        (long[] a, ulong hashA) = Show(learning, Rates());
        (long[] b, ulong hashB) = Show(replay, Rates());
        Assert.True(a.Sum() > 5, $"{a.Sum()} spikes");
        Assert.Equal(a, b);
        Assert.Equal(hashA, hashB);
    }
}
