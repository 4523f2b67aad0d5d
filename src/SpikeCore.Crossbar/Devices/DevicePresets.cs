using SpikeCore.Models.Devices;

namespace SpikeCore.Crossbar.Devices;

/// <summary>
/// Device technologies of the review's section 2 as presets, each with its source. Ranges and nonlinearities of the
/// measured devices are NeuroSim's extraction (Chen, Peng and Yu, IEEE TCAD 37, 3067, 2018, Table I), fitted with its
/// saturating-exponential update (<see cref="SaturatingExponentialDevice"/>); a write pulse the table does not give is
/// MLP_NeuroSim V3.0's default for a measured device (2 V, 100 ns), so its energy is an estimate, not a measurement.
/// </summary>
public static class DevicePresets
{
    /// <summary>
    /// CBRAM-like Ag:a-Si (Jo et al., Nano Lett. 10, 1297, 2010): R_ON 26 MΩ (G_max 38.46 nS), ON/OFF 12.5, 97
    /// potentiation and 100 depression levels, NL +2.4/−4.88, c2c 3.5% (TCAD 2018 Table I); write +3.2 V/−2.8 V × 300 µs,
    /// read 0.5 V (MLP_NeuroSim's RealDevice for this device). Endurance and retention: not reported there.
    /// </summary>
    public static DevicePreset AgSi { get; } = FromTableRow(
        "ag_si", "CBRAM (Ag:a-Si)", "Jo et al. 2010 via NeuroSim TCAD 2018 Table I; pulses from MLP_NeuroSim RealDevice",
        0.03846, 12.5, 2.4, 97, -4.88, 100, 0.035) with
    {
        WriteVoltageV = 3.2,
        EraseVoltageV = 2.8,
        WritePulseS = 300e-6,
    };

    /// <summary>
    /// Filamentary oxide AlOx/HfO2 (Woo et al., IEEE EDL 37, 994, 2016): R_ON 16.9 kΩ (G_max 59.2 µS), ON/OFF 4.43, 40
    /// levels, NL +1.94/−0.61, c2c 5% (TCAD 2018 Table I). Pulses: NeuroSim's default.
    /// </summary>
    public static DevicePreset AlOxHfO2 { get; } = FromTableRow(
        "alox_hfo2", "filamentary oxide (AlOx/HfO2)", "Woo et al. 2016 via NeuroSim TCAD 2018 Table I; pulses NeuroSim default",
        1e6 / 16.9e3, 4.43, 1.94, 40, -0.61, 40, 0.05);

    /// <summary>
    /// Non-filamentary TaOx/TiO2 (Gao et al., Nanotechnology 26, 455204, 2015): R_ON 5 MΩ, ON/OFF 2, 102 levels, NL
    /// +1.85/−1.79, c2c under 1% (taken as 1%; TCAD 2018 Table I). Pulses: NeuroSim's default.
    /// </summary>
    public static DevicePreset TaOxTiO2 { get; } = FromTableRow(
        "taox_tio2", "interface oxide (TaOx/TiO2)", "Gao et al. 2015 via NeuroSim TCAD 2018 Table I; pulses NeuroSim default",
        0.2, 2, 1.85, 102, -1.79, 102, 0.01);

    /// <summary>
    /// Non-filamentary Pr0.7Ca0.3MnO3 (Park et al., IEDM 2013): R_ON 23 MΩ, ON/OFF 6.84, 50 levels, NL +3.68/−6.76, c2c
    /// under 1% (taken as 1%; TCAD 2018 Table I). Pulses: NeuroSim's default.
    /// </summary>
    public static DevicePreset Pcmo { get; } = FromTableRow(
        "pcmo", "interface oxide (PCMO)", "Park et al. 2013 via NeuroSim TCAD 2018 Table I; pulses NeuroSim default",
        1e6 / 23e6, 6.84, 3.68, 50, -6.76, 50, 0.01);

    /// <summary>
    /// Phase-change memory (Ge2Sb2Te5): 0-25 µS and the statistical drift, programming- and read-noise model of Joshi
    /// et al. 2020 (<see cref="PcmStatisticalModel"/>); gradual SET over 72 pulses, a saturating fit (A = 24 pulses, NL
    /// ≈ 3.39, rms 6% of the range) to the deterministic trajectory of aihwkit's PCMPresetDevice (exponential step, γ 2.5,
    /// A_up −27.235, dw_min 0.01 on [0, 2]; Nandakumar et al., Front. Neurosci. 2020), which takes 72 pulses from 0 to
    /// g_max; RESET abrupt (one pulse to G_min), so depression has no nonlinearity label. Retention: drift stands for it.
    /// Pulses: NeuroSim's default (PCM's melting current is not modelled).
    /// </summary>
    public static DevicePreset PcmGst { get; } = new()
    {
        Name = "pcm_gst",
        Technology = "phase-change memory (GST)",
        Source = "Joshi et al. 2020 (drift, noise), aihwkit PCMPresetDevice / Nandakumar et al. 2020 (SET curve); pulses NeuroSim default",
        Device = new SaturatingExponentialDevice { MinConductanceUs = 0, MaxConductanceUs = 25, MaxPulses = 72, PulseScale = 24, DepressionPulses = 1, DepressionPulseScale = 0.01 },
        PotentiationNonlinearity = 3.39,
        DepressionNonlinearity = null,
        Drift = new PcmStatisticalModel(),
    };

    /// <summary>
    /// NeuroSim's targeted eNVM (TCAD 2018 Table I: about 90% in its online-learning benchmark): 64 levels, NL ±1, R_ON
    /// 200 kΩ (G_max 5 µS), ON/OFF 50, c2c 2%; write pulses of 10 ns as its ideal device (MLP_NeuroSim IdealDevice: 2 V).
    /// </summary>
    public static DevicePreset NeuroSimTarget { get; } = FromTableRow(
        "neurosim_target", "NeuroSim target specification", "NeuroSim TCAD 2018 Table I (targeted eNVM); pulses MLP_NeuroSim IdealDevice",
        5, 50, 1, 64, -1, 64, 0.02) with { WritePulseS = 10e-9 };

    /// <summary>
    /// The review's Table 1 target device: ON/OFF 100, 64 levels, NL ±1, 10 fJ per pulse, 10^9 cycles, 10 years; range
    /// 0.05-5 µS (R_ON 200 kΩ as NeuroSim's target), no cycle-to-cycle noise stated.
    /// </summary>
    public static DevicePreset Table1Target { get; } = FromTableRow(
        "table1_target", "review Table 1 target", "review section 2, Table 1 (desired metrics)",
        5, 100, 1, 64, -1, 64, 0) with
    {
        WritePulseS = 10e-9,
        StatedWriteEnergyFj = 10,
        EnduranceCycles = 1e9,
        RetentionS = Table1.TenYearsS,
    };

    /// <summary>Every preset, in the order of the table.</summary>
    public static IReadOnlyList<DevicePreset> All { get; } = [AgSi, AlOxHfO2, TaOxTiO2, Pcmo, PcmGst, NeuroSimTarget, Table1Target];

    /// <summary>
    /// A preset from a table row: G_max = 1/R_ON (µS), ON/OFF, the nonlinearity labels and level counts of potentiation
    /// and depression (NeuroSim's fit, <see cref="SaturatingExponentialDevice.FromNonlinearity(double, double, double, int, double, int)"/>), and the
    /// cycle-to-cycle spread; the labels are kept as stated.
    /// </summary>
    private static DevicePreset FromTableRow(string name, string technology, string source, double maxConductanceUs, double onOff,
        double nlUp, int levelsUp, double nlDown, int levelsDown, double cycleToCycle) => new()
    {
        Name = name,
        Technology = technology,
        Source = source,
        Device = SaturatingExponentialDevice.FromNonlinearity(maxConductanceUs / onOff, maxConductanceUs, nlUp, levelsUp, nlDown, levelsDown) with { CycleToCycleSigma = cycleToCycle },
        PotentiationNonlinearity = nlUp,
        DepressionNonlinearity = nlDown,
    };

    /// <summary>The preset named <paramref name="name"/>, or null.</summary>
    public static DevicePreset? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
