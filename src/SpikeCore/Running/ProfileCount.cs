namespace SpikeCore.Running;

/// <summary>What a profiled run counts beyond its phases' events (<see cref="RunProfile.Count(ProfileCount)"/>).</summary>
public enum ProfileCount
{
    /// <summary>Proofs that a neuron stays below threshold for a stretch (exact windows: one per horizon search).</summary>
    Proofs,

    /// <summary>Exact threshold-crossing searches: a proof that failed, or a bound that could go no further (the cheap path missed).</summary>
    RootSearches,
}
