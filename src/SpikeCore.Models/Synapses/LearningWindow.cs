using SpikeCore.Building;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Running;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// Measures a plasticity rule the way an experimenter would: one presynaptic arrival and one postsynaptic spike Δt
/// apart, through the engine, and the weight change that results.
/// </summary>
public static class LearningWindow
{
    /// <summary>
    /// Δw for each Δt = t_post − t_pre in <paramref name="deltasMs"/>, from <paramref name="initialWeight"/>. The
    /// postsynaptic neuron is an exact LIF made to fire at t_post by a strong instantaneous input.
    /// </summary>
    public static double[] Measure(SynapseModel rule, IReadOnlyList<double> deltasMs, double initialWeight)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(deltasMs);
        var result = new double[deltasMs.Count];
        for (int k = 0; k < result.Length; k++)
        {
            double pre = 200, post = 200 + deltasMs[k];
            var net = new NetworkBuilder().WithDelayResolution(0.01)
                .AddPopulation("pre", 1, new SpikeTimesSource([[pre - 1]]))
                .AddPopulation("driver", 1, new SpikeTimesSource([[post - 1]]))
                .AddPopulation("post", 1, LifExp.Default)
                .Connect("driver", "post", Connectivity.AllToAll(), 1000.0, 1.0, "voltage")
                .Connect("pre", "post", Connectivity.AllToAll(), initialWeight, 1.0, "excitatory", rule)
                .Build();
            using var sim = new Simulation(net, new SimulationOptions { RecordSpikes = false });
            sim.Run(Math.Max(pre, post) + 50);
            result[k] = sim.Weights(1).Weights[0] - initialWeight;
        }

        return result;
    }
}
