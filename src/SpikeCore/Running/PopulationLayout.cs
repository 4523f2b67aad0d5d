using SpikeCore.Compiled;

namespace SpikeCore.Running;

/// <summary>What a model needs to create the runtime state of one population.</summary>
/// <param name="Info">The compiled population.</param>
/// <param name="Initial">Initial values per state variable (null: model default).</param>
/// <param name="Seed">The network seed, for the population's own random streams.</param>
internal sealed record PopulationLayout(PopulationInfo Info, double[]?[] Initial, ulong Seed);
