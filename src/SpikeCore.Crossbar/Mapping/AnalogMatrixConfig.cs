using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Converters;
using SpikeCore.Crossbar.Devices;

namespace SpikeCore.Crossbar.Mapping;

/// <summary>How a weight matrix is laid onto arrays and read: mapping, tiles, converters, bound management, drift compensation.</summary>
public sealed record AnalogMatrixConfig
{
    /// <summary>Every tile's technology, circuit and non-idealities.</summary>
    public ArrayConfig Array { get; init; } = new();

    /// <summary>Signed weights to conductances.</summary>
    public WeightMapping Mapping { get; init; } = WeightMapping.Differential;

    /// <summary>Physical rows of a tile (inputs per tile); larger matrices spread over tiles whose outputs add after the ADCs.</summary>
    public int TileRows { get; init; } = 256;

    /// <summary>Physical columns of a tile (a differential pair takes two, the reference column one).</summary>
    public int TileColumns { get; init; } = 256;

    /// <summary>w_max, the weight mapped to the full conductance range (larger weights clip).</summary>
    public double MaxWeight { get; init; } = 1;

    /// <summary>Amplitude or bit-serial inputs (bit-serial needs a DAC of at least 2 bits).</summary>
    public InputEncoding Inputs { get; init; } = InputEncoding.Amplitude;

    /// <summary>Input DAC (full scale 1: inputs in [−1, 1] become ±V_read); 0 bits: ideal.</summary>
    public Converter Dac { get; init; } = new(0, 1, 1);

    /// <summary>
    /// Output ADC per weight column of each tile (on I⁺ − I⁻ or I − I_ref); 0 bits: ideal. Its full scale is
    /// <see cref="AdcFullScale"/>'s, in units of the tile's partial sum Σ w x.
    /// </summary>
    public Converter Adc { get; init; } = new(0, 1, 10);

    /// <summary>
    /// The ADC's full scale, in units of a tile's partial sum Σ_i w_i x_i; 0 takes √(tile rows) · w_max, three standard
    /// deviations of the partial sum of uniform weights in [−w_max, w_max] with uniform inputs in [0, 1].
    /// </summary>
    public double AdcFullScale { get; init; }

    /// <summary>
    /// Bound management (aihwkit's iterative scheme): when an output clips, the tile is read again with inputs halved
    /// and its outputs doubled, at most this many times.
    /// </summary>
    public int BoundManagementSteps { get; init; } = 3;

    /// <summary>
    /// Global drift compensation: each tile's outputs are scaled by the ratio of its total current for all-ones inputs
    /// at programming time to the same read at the read's time (aihwkit's GlobalDriftCompensation).
    /// </summary>
    public bool GlobalDriftCompensation { get; init; }

    /// <summary>
    /// The conductance standing for w = 0 in the reference-column mapping, held by the reference column (NaN: mid-range).
    /// Tiki-Taka's fast array puts it at its devices' symmetry point, where up and down steps are equal.
    /// </summary>
    public double ZeroWeightConductanceUs { get; init; } = double.NaN;

    /// <summary>
    /// The layout the tasks on arrays share for <paramref name="preset"/>: one device per weight against a reference column
    /// (NeuroSim's), or differential pairs when the preset's depression is an abrupt reset (PCM); 8-bit DAC, 10-bit ADC
    /// (aihwkit's default resolutions); wires of <paramref name="lineResistanceOhm"/> per segment read by the series-path model.
    /// </summary>
    public static AnalogMatrixConfig For(DevicePreset preset, double lineResistanceOhm = 0)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return new AnalogMatrixConfig
        {
            Array = new ArrayConfig
            {
                Preset = preset,
                Circuit = new Circuit.CircuitParameters(lineResistanceOhm),
                IrDrop = lineResistanceOhm > 0 ? Circuit.IrDropModel.Series : Circuit.IrDropModel.None,
            },
            Mapping = preset.Device.PulsesAcrossRange(potentiating: false) <= 1 ? WeightMapping.Differential : WeightMapping.ReferenceColumn,
            Dac = new Converter(8, 1, 1),
            Adc = new Converter(10, 1),
        };
    }

    /// <summary>One problem with the configuration, or null.</summary>
    public string? Problem() =>
        Array.Problem() ?? Dac.Problem() ?? Adc.Problem()
        ?? (TileRows < 1 || TileColumns < 2 ? $"tiles need at least 1 row and 2 columns (got {TileRows} x {TileColumns})"
        : !(MaxWeight > 0) || double.IsInfinity(MaxWeight) ? $"the largest weight must be a finite number > 0 (got {MaxWeight})"
        : !(AdcFullScale >= 0) || double.IsInfinity(AdcFullScale) ? $"the ADC full scale must be a finite number >= 0 (0: automatic; got {AdcFullScale})"
        : Inputs == InputEncoding.BitSerial && Dac.Bits < 2 ? $"bit-serial inputs need a DAC of at least 2 bits (got {Dac.Bits})"
        : !double.IsNaN(ZeroWeightConductanceUs) && !(ZeroWeightConductanceUs >= Array.Preset.Device.MinConductanceUs && ZeroWeightConductanceUs <= Array.Preset.Device.MaxConductanceUs) ? $"the zero-weight conductance must lie in the device range {Array.Preset.Device.MinConductanceUs}-{Array.Preset.Device.MaxConductanceUs} µS (got {ZeroWeightConductanceUs})"
        : BoundManagementSteps is < 0 or > 30 ? $"bound management steps must be 0 to 30 (got {BoundManagementSteps})"
        : null);
}
