using SpikeCore.Models.Neurons;
using SpikeCore.Models.Neurons.Memristive;
using SpikeCore.Models.Serialization;
using SpikeCore.Models.Sources;

namespace SpikeCore.Models;

/// <summary>The models a network file can name, by their <see cref="NeuronModel.Name"/>.</summary>
public static class ModelCatalog
{
    private static readonly Dictionary<string, Func<JsonPathReader, NeuronModel>> s_readers = new()
    {
        ["lif_exp"] = LifExp.Read,
        ["lif_cond_exp"] = LifCondExp.Read,
        ["lif_adapt"] = LifAdapt.Read,
        ["hh"] = HodgkinHuxley.Read,
        ["traub_miles"] = TraubMiles.Read,
        ["threshold_switch"] = ThresholdSwitchNeuron.Read,
        ["pcm_neuron"] = PcmNeuron.Read,
        ["mott_neuristor"] = MottNeuristor.Read,
        ["poisson"] = PoissonSource.Read,
        ["spike_times"] = SpikeTimesSource.Read,
    };

    /// <summary>Names of every model, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = s_readers.Keys.Order(StringComparer.Ordinal).ToArray();

    internal static NeuronModel? Read(string name, JsonPathReader parameters)
    {
        if (!s_readers.TryGetValue(name, out Func<JsonPathReader, NeuronModel>? read))
        {
            return null;
        }

        NeuronModel model = read(parameters);
        parameters.RejectUnknownFields();
        return model;
    }
}
