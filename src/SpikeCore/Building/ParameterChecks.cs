namespace SpikeCore.Building;

/// <summary>The parameter checks models share, each message naming path, parameter and value.</summary>
internal static class ParameterChecks
{
    public static void Finite(ICollection<string> errors, string path, string name, double value)
    {
        if (!double.IsFinite(value))
        {
            errors.Add($"{path}.{name}: must be a finite number (got {value})");
        }
    }

    public static void Positive(ICollection<string> errors, string path, string name, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            errors.Add($"{path}.{name}: must be a finite number > 0 (got {value})");
        }
    }

    public static void NonNegative(ICollection<string> errors, string path, string name, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            errors.Add($"{path}.{name}: must be a finite number >= 0 (got {value})");
        }
    }

    public static void Distinct(ICollection<string> errors, string path, string name, double value, string otherName, double other)
    {
        if (Math.Abs(value - other) <= 1e-9 * Math.Abs(other))
        {
            errors.Add($"{path}.{name}: must differ from {otherName} ({other}) for the exact solution (got {value}; use e.g. {other * 0.999:G6})");
        }
    }
}
