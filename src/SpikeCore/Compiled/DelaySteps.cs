namespace SpikeCore.Compiled;

/// <summary>
/// Delays are whole multiples of the network's delay resolution h, held as a 32-bit step count: every delay from h to
/// (2^31 − 1)·h is represented exactly (as the double steps·h); longer ones are refused when the network is built.
/// </summary>
internal static class DelaySteps
{
    /// <summary>The longest delay in steps.</summary>
    public const int Max = int.MaxValue;

    /// <summary>The longest delay in milliseconds for resolution <paramref name="resolutionMs"/>.</summary>
    public static double MaxMs(double resolutionMs) => Max * resolutionMs;

    /// <summary>
    /// <paramref name="ms"/> rounded to steps of <paramref name="resolutionMs"/>, at least one; false (and 0) when the
    /// delay is not finite or longer than <see cref="Max"/> steps.
    /// </summary>
    public static bool TryRound(double ms, double resolutionMs, out int steps)
    {
        double rounded = Math.Round(ms / resolutionMs);
        if (!(rounded <= Max))
        {
            steps = 0;
            return false;
        }

        steps = Math.Max(1, (int)rounded);
        return true;
    }

    /// <summary>The message for a delay longer than <see cref="Max"/> steps.</summary>
    public static string TooLong(string path, double ms, double resolutionMs) =>
        $"{path}.delay_ms: {ms} ms is longer than the longest delay {MaxMs(resolutionMs):G12} ms (2^31 - 1 steps of the delay resolution {resolutionMs} ms)";
}
