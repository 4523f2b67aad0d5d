namespace SpikeCore.Optimization.Solvers;

/// <summary>
/// Settings of discrete simulated bifurcation (see <see cref="SimulatedBifurcation"/>). Δt is 0.5, not Goto's 1.25: on
/// graphs with only positive weights (G1, G22) the uniform mode is unstable at 1.25 under the sign force, every spin
/// flips every step and the cut collapses to 0 (measured: G1 best 10167 at 1.25, 11624 at 0.5).
/// </summary>
public sealed record BifurcationOptions
{
    /// <summary>Time steps per run (the pump a(t) ramps from 0 to a0 across them).</summary>
    public int Steps { get; init; } = 5000;

    /// <summary>Δt.</summary>
    public double TimeStep { get; init; } = 0.5;

    /// <summary>Throws naming every impossible value.</summary>
    public void Validate()
    {
        if (Steps < 1 || !(TimeStep > 0) || double.IsInfinity(TimeStep))
        {
            throw new ArgumentException($"simulated bifurcation: need steps >= 1 and a finite time step > 0 (got {Steps}, {TimeStep})");
        }
    }
}
