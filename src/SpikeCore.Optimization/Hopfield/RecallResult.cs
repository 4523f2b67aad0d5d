namespace SpikeCore.Optimization.Hopfield;

/// <summary>The end of one recall.</summary>
/// <param name="State">The state recall ended in.</param>
/// <param name="Sweeps">Sweeps made, the last being the one that changed nothing when <paramref name="Converged"/>.</param>
/// <param name="Converged">Whether a fixed point was reached within the sweep limit.</param>
public sealed record RecallResult(sbyte[] State, int Sweeps, bool Converged);
