namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// A solve: the solution, its true relative residual ‖b − A x‖/‖b‖ (float64), the residual after each outer step as the
/// solver saw it, outer steps and inner iterations, array reads and their energy (0 for the float solver).
/// </summary>
public sealed record SolveResult(double[] X, double RelativeResidual, IReadOnlyList<double> History, int OuterSteps, int InnerIterations, long Reads, double EnergyJ);
