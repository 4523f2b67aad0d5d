using SpikeCore.Models.Devices;
using SpikeCore.Models.Neurons.Memristive;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Models.Synapses;
using SpikeCore.Parameters;

namespace SpikeCore.Models;

/// <summary>
/// SpikeCore's own models in <see cref="ModelRegistry"/>, each as the prototype whose parameters are the defaults a
/// network file may leave out. <see cref="Serialization.NetworkFile"/> registers them before it reads anything.
/// </summary>
public static class ModelCatalog
{
    private static readonly Lazy<bool> s_registered = new(() =>
    {
        foreach (NeuronModel m in new NeuronModel[]
        {
            LifExp.Default, LifCondExp.Default, LifAdapt.Default, HodgkinHuxley.Default, TraubMiles.Default, new ThresholdSwitchNeuron(),
            new PcmNeuron(), new MottNeuristor(), new PoissonSource(), new SpikeTimesSource([]),
        })
        {
            ModelRegistry.Register(m);
        }

        foreach (SynapseModel m in new SynapseModel[] { TsodyksMarkram.Depressing, new Stdp(), new TripletStdp(), new BinaryPcmStdp(), new DiffusiveMemristor(), new SecondOrderMemristor() })
        {
            ModelRegistry.Register(m);
        }

        foreach (ConductanceDevice d in new ConductanceDevice[] { new SaturatingExponentialDevice(), new LinearStepDevice(), new PowerStepDevice(), new ExponentialStepDevice(), new LookupTableDevice([0, 1], [1, 0]) })
        {
            ModelRegistry.Register(d);
        }

        return true;
    });

    /// <summary>Registers every SpikeCore model (once; later calls do nothing).</summary>
    public static void Register() => _ = s_registered.Value;
}
