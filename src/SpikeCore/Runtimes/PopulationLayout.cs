using SpikeCore.Compiled;

namespace SpikeCore.Runtimes;

/// <summary>What a model needs to create the runtime state of one population, or of a slice of it.</summary>
/// <param name="Info">The compiled population (for a slice: its first id and size are the slice's).</param>
/// <param name="Initial">Initial values per state variable (null: model default), for the neurons of <paramref name="Info"/>;
/// shared by every simulation of the network, so never written (<see cref="InitialValues"/> gives a copy).</param>
/// <param name="Seed">The network seed, for the population's own random streams.</param>
/// <param name="Offset">Index in the whole population of the slice's neuron 0 (0 for a whole population): per-neuron
/// random streams and inputs are keyed by Offset + local index, so a slice behaves exactly as those neurons of the whole.</param>
public sealed record PopulationLayout(PopulationInfo Info, double[]?[] Initial, ulong Seed, int Offset = 0)
{
    private static readonly Dictionary<string, double[]> s_none = [];

    /// <summary>Parameters drawn per neuron, by JSON name, for the neurons of <see cref="Info"/> (shared: read with <see cref="ParameterValues(string)"/>).</summary>
    internal IReadOnlyDictionary<string, double[]> PerNeuron { get; init; } = s_none;

    /// <summary>
    /// The neurons [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>) of population
    /// <paramref name="whole"/> of <paramref name="network"/> (all of them on a single core, a slice in a partition), with
    /// their initial values and parameters drawn per neuron.
    /// </summary>
    internal static PopulationLayout Of(Network network, PopulationInfo whole, int from, int count)
    {
        double[]?[] initial = network.InitialValues[whole.Index];
        IReadOnlyDictionary<string, double[]> perNeuron = network.PerNeuronValues[whole.Index];
        return from == 0 && count == whole.Size
            ? new(whole, initial, network.Spec.Seed) { PerNeuron = perNeuron }
            : new(whole with { FirstId = whole.FirstId + from, Size = count }, [.. initial.Select(v => v?.AsSpan(from, count).ToArray())], network.Spec.Seed, from)
            {
                PerNeuron = perNeuron.ToDictionary(x => x.Key, x => x.Value.AsSpan(from, count).ToArray()),
            };
    }

    /// <summary>A new array of the initial values of state variable <paramref name="variable"/>, or <paramref name="otherwise"/> for every neuron.</summary>
    public double[] InitialValues(int variable, double otherwise) =>
        Initial[variable]?.ToArray() ?? Enumerable.Repeat(otherwise, Info.Size).ToArray();

    /// <summary>
    /// A new array of each neuron's value of parameter <paramref name="parameter"/> (its JSON name) when the network
    /// draws it per neuron, else null: the model's own value holds for every neuron, and the runtime keeps its scalar.
    /// </summary>
    public double[]? ParameterValues(string parameter) => PerNeuron.TryGetValue(parameter, out double[]? values) ? values.ToArray() : null;

    /// <summary>A new array of each neuron's value of parameter <paramref name="parameter"/>: drawn per neuron, or <paramref name="otherwise"/> (the model's) for every neuron.</summary>
    public double[] ParameterValues(string parameter, double otherwise) =>
        ParameterValues(parameter) ?? Enumerable.Repeat(otherwise, Info.Size).ToArray();
}
