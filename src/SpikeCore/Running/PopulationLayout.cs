using SpikeCore.Compiled;

namespace SpikeCore.Running;

/// <summary>What a model needs to create the runtime state of one population, or of a slice of it.</summary>
/// <param name="Info">The compiled population (for a slice: its first id and size are the slice's).</param>
/// <param name="Initial">Initial values per state variable (null: model default), for the neurons of <paramref name="Info"/>.</param>
/// <param name="Seed">The network seed, for the population's own random streams.</param>
/// <param name="Offset">Index in the whole population of the slice's neuron 0 (0 for a whole population): per-neuron
/// random streams and inputs are keyed by Offset + local index, so a slice behaves exactly as those neurons of the whole.</param>
internal sealed record PopulationLayout(PopulationInfo Info, double[]?[] Initial, ulong Seed, int Offset = 0)
{
    /// <summary>The slice of neurons [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>) of the whole population <paramref name="whole"/>.</summary>
    public static PopulationLayout Slice(PopulationInfo whole, double[]?[] initial, ulong seed, int from, int count) =>
        new(whole with { FirstId = whole.FirstId + from, Size = count }, [.. initial.Select(v => v?.AsSpan(from, count).ToArray())], seed, from);
}
