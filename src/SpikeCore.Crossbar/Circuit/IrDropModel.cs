namespace SpikeCore.Crossbar.Circuit;

/// <summary>How a read accounts for the wire resistance of the array (the fidelity levels of CROSSBAR.md section 2).</summary>
public enum IrDropModel
{
    /// <summary>None: I_j = Σ_i V_i G'_ij (r ignored).</summary>
    None,

    /// <summary>
    /// Each cell alone on its own series path (NeuroSim's Array.cpp): I_j = Σ_i V_i / (1/G_ij + R_access + (j + 1) r + (M − i) r).
    /// The currents of the other cells on the same wires are left out, so it underestimates the drop of a busy array.
    /// </summary>
    Series,

    /// <summary>The exact nodal solution of the reference circuit (<see cref="NodalSolver"/>).</summary>
    Exact,
}
