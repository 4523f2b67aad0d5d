using SpikeCore.Models.Serialization;
using SpikeCore.Models.Synapses;

namespace SpikeCore.Models;

/// <summary>The plastic synapse models a network file can name, by their <see cref="SynapseModel.Name"/>.</summary>
public static class SynapseCatalog
{
    private static readonly Dictionary<string, Func<JsonPathReader, SynapseModel>> s_readers = new()
    {
        ["tsodyks_markram"] = TsodyksMarkram.Read,
        ["stdp"] = Stdp.Read,
        ["stdp_triplet"] = TripletStdp.Read,
        ["stdp_binary_pcm"] = BinaryPcmStdp.Read,
        ["diffusive_memristor"] = DiffusiveMemristor.Read,
        ["second_order_memristor"] = SecondOrderMemristor.Read,
    };

    /// <summary>Names of every synapse model, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = s_readers.Keys.Order(StringComparer.Ordinal).ToArray();

    internal static SynapseModel? Read(string name, JsonPathReader parameters)
    {
        if (!s_readers.TryGetValue(name, out Func<JsonPathReader, SynapseModel>? read))
        {
            return null;
        }

        SynapseModel model = read(parameters);
        parameters.RejectUnknownFields();
        return model;
    }
}
