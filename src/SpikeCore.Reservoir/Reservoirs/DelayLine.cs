namespace SpikeCore.Reservoir.Reservoirs;

/// <summary>
/// The control of a reservoir on time series: a tapped delay line whose features at step k are the last N inputs,
/// x(k), x(k − 1), …, x(k − N + 1) (0 before the series starts). Memory without nonlinearity or mixing: what a reservoir
/// adds to a readout beyond it is what its nonlinear, mixed states add.
/// </summary>
public static class DelayLine
{
    /// <summary>result[k][d] = x(k − d) for d &lt; <paramref name="taps"/>.</summary>
    public static double[][] Run(IReadOnlyList<double> input, int taps)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(taps, 1);
        return [.. Enumerable.Range(0, input.Count).Select(k => Enumerable.Range(0, taps).Select(d => k - d >= 0 ? input[k - d] : 0).ToArray())];
    }
}
