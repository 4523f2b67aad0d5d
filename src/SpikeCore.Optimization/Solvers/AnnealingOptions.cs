namespace SpikeCore.Optimization.Solvers;

/// <summary>
/// The simulated-annealing control of MOTT.md: single-flip Metropolis over sweeps in node order, temperature geometric
/// from <see cref="StartTemperature"/> to <see cref="EndTemperature"/> across the sweeps of one run, random restarts.
/// </summary>
public sealed record AnnealingOptions
{
    /// <summary>Sweeps (n proposed flips each) per run.</summary>
    public int Sweeps { get; init; } = 10_000;

    /// <summary>T at the first sweep.</summary>
    public double StartTemperature { get; init; } = 3.0;

    /// <summary>T at the last sweep.</summary>
    public double EndTemperature { get; init; } = 0.05;

    /// <summary>Throws naming every impossible value.</summary>
    public void Validate()
    {
        if (Sweeps < 1 || !(StartTemperature > 0) || !(EndTemperature > 0) || double.IsInfinity(StartTemperature) || double.IsInfinity(EndTemperature))
        {
            throw new ArgumentException($"annealing: need sweeps >= 1 and finite temperatures > 0 (got {Sweeps}, {StartTemperature} → {EndTemperature})");
        }
    }
}
