namespace SpikeCore.Building;

/// <summary>
/// The complete declarative description of a network: what <see cref="NetworkBuilder"/> collects, what network files
/// hold, and what <see cref="NetworkBuilder.Build"/> compiles. Equal specs with equal seeds compile to identical networks.
/// </summary>
/// <param name="Seed">Seed of every random choice made while compiling (connectivity, weights, delays, initial state).</param>
/// <param name="DelayResolutionMs">Delays are rounded to multiples of this; it is also the smallest delay allowed.</param>
/// <param name="Populations">Populations in id order.</param>
/// <param name="Projections">Projections in generation order.</param>
/// <param name="Currents">Current injections.</param>
public sealed record NetworkSpec(
    ulong Seed,
    double DelayResolutionMs,
    IReadOnlyList<PopulationSpec> Populations,
    IReadOnlyList<ProjectionSpec> Projections,
    IReadOnlyList<CurrentInjection> Currents);
