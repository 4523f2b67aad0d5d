namespace SpikeCore.Crossbar.Devices;

/// <summary>
/// The review's Table 1, the desired metrics of a synaptic device, as checks on a preset: dynamic range G_max/G_min ≥
/// 100, ≥ 64 levels, potentiation nonlinearity below 4 and depression above −4 (NeuroSim labels), ≤ 10 fJ per pulse, ≥
/// 10^9 cycles, ≥ 10 years retention. A metric the preset does not report is not met.
/// </summary>
public static class Table1
{
    /// <summary>Ten years in seconds (365.25-day years).</summary>
    public const double TenYearsS = 10 * 365.25 * 86400;

    /// <summary>The target names, in table order.</summary>
    public static IReadOnlyList<string> Targets { get; } = ["on_off_ratio", "levels", "nl_potentiation", "nl_depression", "write_energy", "endurance", "retention"];

    /// <summary>The target of <paramref name="target"/> in words.</summary>
    public static string Describe(string target) => target switch
    {
        "on_off_ratio" => ">= 100",
        "levels" => ">= 64",
        "nl_potentiation" => "< 4",
        "nl_depression" => "> -4",
        "write_energy" => "<= 10 fJ",
        "endurance" => ">= 1e9 cycles",
        "retention" => ">= 10 years",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "not a Table 1 target"),
    };

    /// <summary>The targets <paramref name="preset"/> meets.</summary>
    public static IReadOnlyList<string> Met(DevicePreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return [.. Targets.Where(t => t switch
        {
            "on_off_ratio" => preset.OnOffRatio >= 100,
            "levels" => preset.Levels >= 64,
            "nl_potentiation" => preset.PotentiationNonlinearity is { } p && Math.Abs(p) < 4,
            "nl_depression" => preset.DepressionNonlinearity is { } d && d > -4,
            "write_energy" => preset.WriteEnergyFj <= 10,
            "endurance" => preset.EnduranceCycles >= 1e9,
            _ => preset.RetentionS >= TenYearsS,
        })];
    }
}
