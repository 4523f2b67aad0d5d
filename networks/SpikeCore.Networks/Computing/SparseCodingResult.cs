namespace SpikeCore.Networks.Computing;

/// <summary>One solver on the test patches: mean objective, fraction of zero coefficients, mean ‖x − D a‖/‖x‖ (ideal D), energy, wall time.</summary>
public sealed record SparseCodingRow(string Solver, double Objective, double Sparsity, double RelativeError, double EnergyJ, double WallSeconds);

/// <summary>Every solver of a sparse-coding run; the first row is the reference (FISTA).</summary>
public sealed record SparseCodingResult(IReadOnlyList<SparseCodingRow> Rows, double[] Dictionary, int Pixels, int Atoms, double DictionarySeconds);
