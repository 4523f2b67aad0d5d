using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests;

/// <summary>Small helpers shared by the model tests.</summary>
internal static class TestNetworks
{
    public static (double[] Times, int[] Neurons) Run(Network network, double durationMs)
    {
        using var sim = new Simulation(network);
        sim.Run(durationMs);
        return (sim.Spikes!.TimesMs(), sim.Spikes.Neurons());
    }
}
