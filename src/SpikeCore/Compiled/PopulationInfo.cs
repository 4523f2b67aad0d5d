namespace SpikeCore.Compiled;

/// <summary>A compiled population: its neurons are ids [<see cref="FirstId"/>, <see cref="FirstId"/> + <see cref="Size"/>).</summary>
/// <param name="Index">Position in the network's population list.</param>
/// <param name="Name">Unique name.</param>
/// <param name="Size">Number of neurons.</param>
/// <param name="FirstId">Global id of neuron 0.</param>
/// <param name="Model">Model and parameters.</param>
public sealed record PopulationInfo(int Index, string Name, int Size, int FirstId, NeuronModel Model);
