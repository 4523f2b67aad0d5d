namespace SpikeCore.Models.Devices;

/// <summary>
/// Conductance drift of phase-change memory: G(t) = G_prog (t / t0)^(−ν) for t ≥ t0 after programming (t0 = 20 s as in
/// aihwkit's PCMLikeNoiseModel; ν ≈ 0.05 for the crystalline-rich states, up to 0.1 for amorphous ones).
/// A SET pulse resets the drift clock of the device it programs.
/// </summary>
public static class PcmDrift
{
    /// <summary>The reference time t0 of the drift law.</summary>
    public const double ReferenceSeconds = 20;

    /// <summary>G(t)/G_prog, t seconds after programming (1 before t0).</summary>
    public static double Factor(double seconds, double nu)
    {
        if (!(nu >= 0) || double.IsNaN(seconds))
        {
            throw new ArgumentOutOfRangeException(nameof(nu), $"drift needs ν >= 0 and a time (got ν = {nu}, t = {seconds} s)");
        }

        return seconds <= ReferenceSeconds ? 1 : Math.Pow(seconds / ReferenceSeconds, -nu);
    }
}
