namespace SpikeCore.Crossbar.Arrays;

/// <summary>What programming an array to a target matrix cost and achieved.</summary>
/// <param name="Pulses">Programming pulses applied.</param>
/// <param name="VerifyReads">Single-cell verify reads (write-verify only).</param>
/// <param name="Converged">Devices within the tolerance at the end (stuck devices never are unless they happen to sit there).</param>
/// <param name="RmsErrorUs">Root-mean-square of programmed − target conductance.</param>
/// <param name="MaxErrorUs">Largest |programmed − target|.</param>
/// <param name="EnergyJ">Energy of the pulses and verify reads.</param>
public sealed record ProgrammingReport(long Pulses, long VerifyReads, int Converged, double RmsErrorUs, double MaxErrorUs, double EnergyJ)
{
    /// <summary>The report of programming several arrays, each part weighted by its device count in the rms error.</summary>
    public static ProgrammingReport Combine(IReadOnlyCollection<(ProgrammingReport Report, long Devices)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        long devices = Math.Max(1, parts.Sum(p => p.Devices));
        return new ProgrammingReport(
            parts.Sum(p => p.Report.Pulses),
            parts.Sum(p => p.Report.VerifyReads),
            parts.Sum(p => p.Report.Converged),
            Math.Sqrt(parts.Sum(p => p.Report.RmsErrorUs * p.Report.RmsErrorUs * p.Devices) / devices),
            parts.Count == 0 ? 0 : parts.Max(p => p.Report.MaxErrorUs),
            parts.Sum(p => p.Report.EnergyJ));
    }
}
