namespace SpikeCore.Crossbar.Circuit;

/// <summary>
/// The electrical parameters of a crossbar's reference circuit (CROSSBAR.md section 2): the resistance of one cell
/// pitch of row or column wire, and the access transistor of a 1T1R cell.
/// </summary>
/// <remarks>
/// <code>
/// row i:     V_i ─r─ (i,0) ─r─ (i,1) ─r─ … ─r─ (i,N−1)            (the row's far end is open)
/// cell i,j:  row node (i,j) ─ 1/G_ij + R_access ─ column node (i,j)
/// column j:  (0,j) ─r─ (1,j) ─r─ … ─r─ (M−1,j) ─r─ virtual ground (0 V); the output I_j is the current into it
/// </code>
/// With r = 0 this is the ideal product I_j = Σ_i V_i G'_ij, G' = 1/(1/G + R_access). Units: V, µS, µA, Ω.
/// </remarks>
/// <param name="LineResistanceOhm">r, the wire resistance of one cell pitch of a row or a column (≥ 0).</param>
/// <param name="AccessResistanceOhm">R_access, the on-resistance of a 1T1R cell's transistor in series with its device (0: passive cell).</param>
public sealed record CircuitParameters(double LineResistanceOhm = 0, double AccessResistanceOhm = 0)
{
    /// <summary>No wire resistance, no access transistor: the ideal product.</summary>
    public static CircuitParameters Ideal { get; } = new();

    /// <summary>The conductance of cell (device G in µS) seen from its two nodes, in µS: 1/(1/G + R_access); 0 for G = 0.</summary>
    public double CellConductanceUs(double deviceUs) => deviceUs > 0 ? 1 / ((1 / deviceUs) + (AccessResistanceOhm * 1e-6)) : 0;

    /// <summary>One problem with the parameters, or null.</summary>
    public string? Problem() =>
        !(LineResistanceOhm >= 0) || double.IsInfinity(LineResistanceOhm) ? $"line resistance must be a finite number >= 0 ohm (got {LineResistanceOhm})"
        : !(AccessResistanceOhm >= 0) || double.IsInfinity(AccessResistanceOhm) ? $"access resistance must be a finite number >= 0 ohm (got {AccessResistanceOhm})"
        : null;
}
