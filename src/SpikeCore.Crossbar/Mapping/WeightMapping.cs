namespace SpikeCore.Crossbar.Mapping;

/// <summary>How a signed weight becomes conductance.</summary>
public enum WeightMapping
{
    /// <summary>
    /// A differential pair per weight in neighbouring columns: G⁺ = G_min + max(w, 0) u, G⁻ = G_min + max(−w, 0) u,
    /// u = (G_max − G_min)/w_max; the output is I⁺ − I⁻ (the common mapping, CROSSBAR.md section 2).
    /// </summary>
    Differential,

    /// <summary>
    /// One device per weight around the middle of the range, G = G_mid + w u/2, against one reference column of G_mid
    /// per tile: the output is I − I_ref (NeuroSim's and Hu et al.'s offset mapping; half the devices, half the resolution).
    /// </summary>
    ReferenceColumn,
}
