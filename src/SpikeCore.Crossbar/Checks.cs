namespace SpikeCore.Crossbar;

/// <summary>Input checks shared by the arrays and the matrices.</summary>
internal static class Checks
{
    /// <summary>The index of the first value that is NaN or infinite, or −1.</summary>
    public static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
            {
                return k;
            }
        }

        return -1;
    }
}
