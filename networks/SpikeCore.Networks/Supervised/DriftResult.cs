namespace SpikeCore.Networks.Supervised;

/// <summary>Accuracy at one time after programming.</summary>
/// <param name="TimeS">Seconds after programming.</param>
/// <param name="Accuracy">Without drift compensation.</param>
/// <param name="CompensatedAccuracy">With global drift compensation.</param>
public sealed record DriftPoint(double TimeS, double Accuracy, double CompensatedAccuracy);

/// <summary>What inference after programming gave.</summary>
/// <param name="Points">Accuracy at each time.</param>
/// <param name="ProgrammingPulses">Pulses of the write-verify programming of one copy.</param>
/// <param name="ProgrammingRmsErrorUs">RMS conductance error after programming.</param>
/// <param name="EnergyJ">Energy of one copy: programming and every read of the uncompensated pass.</param>
/// <param name="WallSeconds">Wall time.</param>
public sealed record DriftResult(IReadOnlyList<DriftPoint> Points, long ProgrammingPulses, double ProgrammingRmsErrorUs, double EnergyJ, double WallSeconds);
