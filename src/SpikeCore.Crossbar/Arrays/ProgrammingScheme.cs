namespace SpikeCore.Crossbar.Arrays;

/// <summary>How a target matrix is written into the devices.</summary>
public enum ProgrammingScheme
{
    /// <summary>
    /// Open loop: each device gets, once and without reading back, the pulse count whose noiseless outcome on its own
    /// update curve (its device-to-device spread included) lands nearest the target.
    /// </summary>
    OpenLoop,

    /// <summary>
    /// Write-verify (Yao et al. 2017; MemTorch's naive_program): read the device, apply the open-loop pulses towards the
    /// target (at least one), and repeat until within the tolerance or out of pulses. A device that must fall but falls
    /// only by RESET (PCM) is reset and climbs again.
    /// </summary>
    WriteVerify,

    /// <summary>
    /// The technology's statistics instead of pulses (aihwkit's inference model; PCM presets only): each device lands at
    /// max(target + σ_P(target) ξ, 0) with σ_P from <see cref="Devices.PcmStatisticalModel"/>, as measured after
    /// iterative programming on a million-device chip. No pulses are simulated, so none are counted.
    /// </summary>
    Statistical,
}
