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

    /// <summary>
    /// aihwkit's analytic correction of the ideal product (<c>ForwardBackwardPassIOManaged::applyIrDrop</c>), in units of
    /// w = G/G_max and x = V/V_max: with n inputs and G_w/G_max the wire-to-device conductance ratio,
    /// a_j = n Σ_i |w_ij x_i| / (G_w/G_max),  c_j = a_j (a_j (0.05 a_j − 0.2) + 0.5),
    /// y_j = y_j^ideal − c_j Σ_i w_ij x_i (1 − (1 − p_i/n)²), p_i the input's distance in cells from the output's end
    /// (row i lies M − i segments from the virtual ground). One extra product; a statistical fit, not a circuit.
    /// </summary>
    Analytic,

    /// <summary>The exact nodal solution of the reference circuit (<see cref="NodalSolver"/>).</summary>
    Exact,
}
