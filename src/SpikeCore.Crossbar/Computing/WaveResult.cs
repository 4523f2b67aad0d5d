namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// A wave run: the last displacement, the error against the closed form after each step relative to ‖u⁰‖, the largest
/// relative error of an array product (0 in float), steps, array reads and their energy.
/// </summary>
public sealed record WaveResult(double[] U, IReadOnlyList<double> Errors, double ProductError, int Steps, long Reads, double EnergyJ)
{
    /// <summary>The largest error over the run, relative to ‖u⁰‖.</summary>
    public double RelativeError => Errors.Count == 0 ? 0 : Errors.Max();
}
