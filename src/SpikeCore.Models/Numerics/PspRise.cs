namespace SpikeCore.Models.Numerics;

/// <summary>
/// How far one current input of unit weight can raise a LIF membrane within a time u: Q(u) = max over s ∈ [0, u] of the
/// unit PSP k (e^(−s/τs) − e^(−s/τm)), k = τs/(τs − τm) (the solution of τm V′ = −V + e^(−s/τs), V(0) = 0). The PSP
/// rises to its peak at s* = ln(τm/τs) τs τm/(τm − τs) and falls after it, so Q(u) is the PSP at min(u, s*), and Q(∞) the
/// peak. Tabulated on a grid of steps (the exact windows' d_min) for the charges of inputs against a neuron's slack.
/// </summary>
internal sealed class PspRise
{
    /// <summary>How far past each grid point a tabulated value reaches, in steps: a time computed to rounding just past a grid point still looks up a bound.</summary>
    private const double GridReach = 1e-6;

    private readonly double[] _onGrid;
    private readonly double _stepsPerMs, _peak;

    /// <summary>Q at 0, 1, ..., <paramref name="steps"/> steps of <paramref name="stepMs"/> (each a hair past its grid point).</summary>
    public PspRise(double tauSynapseMs, double tauMembraneMs, double stepMs, int steps)
    {
        _stepsPerMs = 1 / stepMs;
        _onGrid = [.. Enumerable.Range(0, steps + 1).Select(k => Within(tauSynapseMs, tauMembraneMs, (k + GridReach) * stepMs))];
        _peak = Within(tauSynapseMs, tauMembraneMs);
    }

    /// <summary>
    /// An upper bound of Q(<paramref name="withinMs"/>) that is at most one step loose: Q at ⌈u / step⌉ steps, or the
    /// peak beyond the table.
    /// </summary>
    public double AtMost(double withinMs)
    {
        double steps = Math.Ceiling(withinMs * _stepsPerMs);
        return steps < _onGrid.Length ? _onGrid[(int)Math.Max(steps, 0)] : _peak;
    }

    /// <summary>Q(<paramref name="withinMs"/>) in closed form; with +∞, the unit PSP's peak.</summary>
    public static double Within(double tauSynapseMs, double tauMembraneMs, double withinMs = double.PositiveInfinity)
    {
        double s = Math.Min(Math.Log(tauMembraneMs / tauSynapseMs) * tauSynapseMs * tauMembraneMs / (tauMembraneMs - tauSynapseMs), withinMs);
        return tauSynapseMs / (tauSynapseMs - tauMembraneMs) * (Math.Exp(-s / tauSynapseMs) - Math.Exp(-s / tauMembraneMs));
    }
}
