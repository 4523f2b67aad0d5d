namespace SpikeCore.Parameters;

/// <summary>A model known by name in network files: neuron and synapse models, and families of records they hold (devices).</summary>
public interface INamedModel
{
    /// <summary>The model's name in network files, e.g. <c>lif_exp</c>.</summary>
    string Name { get; }
}
