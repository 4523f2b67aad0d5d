using SpikeCore.Models.Devices;

namespace SpikeCore.Crossbar.Devices;

/// <summary>
/// A synaptic device technology as an array uses it: its pulse response (a <see cref="ConductanceDevice"/> of
/// SpikeCore.Models, with range, pulse counts, nonlinearity, cycle-to-cycle and device-to-device spread), its write and
/// read pulses, and its reliability. Every number names its source in the preset's doc comment (<see cref="DevicePresets"/>).
/// </summary>
/// <remarks>
/// Write energy per pulse, where the source gives none, is NeuroSim's cell term V_w² G t_w at the middle of the range
/// (MLP_NeuroSim V3.0 <c>Cell.cpp</c>, <c>WriteEnergyCalculation</c>; wire capacitance left to the array's accounting).
/// </remarks>
public sealed record DevicePreset
{
    /// <summary>The preset's name (<c>spikecore crossbar vmm --preset NAME</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The technology, in words (e.g. "CBRAM (Ag:a-Si)").</summary>
    public required string Technology { get; init; }

    /// <summary>Where the numbers come from.</summary>
    public required string Source { get; init; }

    /// <summary>The pulse response, range and spread.</summary>
    public required ConductanceDevice Device { get; init; }

    /// <summary>NeuroSim's nonlinearity label of potentiation as the source reports it (null: not defined for this device).</summary>
    public double? PotentiationNonlinearity { get; init; }

    /// <summary>NeuroSim's nonlinearity label of depression, negative by its convention (null: an abrupt RESET, not a curve).</summary>
    public double? DepressionNonlinearity { get; init; }

    /// <summary>Potentiating write pulse amplitude.</summary>
    public double WriteVoltageV { get; init; } = 2;

    /// <summary>Depressing write pulse amplitude (its magnitude).</summary>
    public double EraseVoltageV { get; init; } = 2;

    /// <summary>Write pulse width.</summary>
    public double WritePulseS { get; init; } = 100e-9;

    /// <summary>Read voltage.</summary>
    public double ReadVoltageV { get; init; } = 0.5;

    /// <summary>
    /// Device threshold below which a pulse does not move the conductance; a half-selected cell (V/2 scheme) is
    /// disturbed when half the write voltage reaches it (0: unknown, taken as half the write voltage's magnitude).
    /// </summary>
    public double ThresholdV { get; init; }

    /// <summary>The energy of one write pulse as the source states it (null: <see cref="WriteEnergyFj"/> estimates it).</summary>
    public double? StatedWriteEnergyFj { get; init; }

    /// <summary>Write cycles before a device fails (null: the source does not report it).</summary>
    public double? EnduranceCycles { get; init; }

    /// <summary>
    /// How long a state is retained (null: not reported, or drift stands for it: <see cref="Drift"/>); an array relaxes
    /// its devices towards G_min with this as the 1/e time.
    /// </summary>
    public double? RetentionS { get; init; }

    /// <summary>PCM's statistical programming-noise, drift and read-noise model (null: not a PCM device).</summary>
    public PcmStatisticalModel? Drift { get; init; }

    /// <summary>G_max/G_min (∞ when G_min is 0).</summary>
    public double OnOffRatio => Device.MinConductanceUs > 0 ? Device.MaxConductanceUs / Device.MinConductanceUs : double.PositiveInfinity;

    /// <summary>Conductance levels reached by potentiation (pulses across the range).</summary>
    public int Levels => Device.PulsesAcrossRange(potentiating: true);

    /// <summary>Energy of one write pulse: the stated value, else V_w² G_mid t_w (fJ).</summary>
    public double WriteEnergyFj => StatedWriteEnergyFj
        ?? WriteVoltageV * WriteVoltageV * 0.5 * (Device.MinConductanceUs + Device.MaxConductanceUs) * 1e-6 * WritePulseS * 1e15;
}
