namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// A settled feedback circuit: the solution it holds (−V∞ / 1 V), whether it settles at all, the settling time, the slowest
/// eigenvalue of its dynamics (1/s, negative when stable), the arrays' static power at equilibrium, the energy of one
/// solve (power × settling time) and of programming the arrays.
/// </summary>
public sealed record FeedbackResult(double[] X, bool Stable, double SettlingTimeS, double SlowestRatePerS, double PowerW, double EnergyJ, double ProgrammingJ);
