using SpikeCore.Crossbar.Circuit;
using SpikeCore.Crossbar.Devices;

namespace SpikeCore.Crossbar.Arrays;

/// <summary>
/// How an array is built and read: its device technology, circuit, fidelity of reads, and non-idealities (each off by
/// default, so an array starts ideal and a study switches on what it examines).
/// </summary>
public sealed record ArrayConfig
{
    /// <summary>The device technology.</summary>
    public DevicePreset Preset { get; init; } = DevicePresets.Table1Target;

    /// <summary>Wire and access resistance.</summary>
    public CircuitParameters Circuit { get; init; } = CircuitParameters.Ideal;

    /// <summary>How reads account for the wire resistance.</summary>
    public IrDropModel IrDrop { get; init; } = IrDropModel.None;

    /// <summary>
    /// σ of each device's read conductance as a fraction of G_max, independent per device and read; applied at the
    /// outputs as its exact sum, N(0, σ G_max √Σ_i V_i²) per column, so exact reads keep their factorisation.
    /// </summary>
    public double ReadNoise { get; init; }

    /// <summary>Fraction of devices stuck at G_max (fabrication faults; they ignore pulses).</summary>
    public double StuckAtMaxFraction { get; init; }

    /// <summary>Fraction of devices stuck at G_min.</summary>
    public double StuckAtMinFraction { get; init; }

    /// <summary>
    /// σ of ln(cycles to failure) around the preset's endurance (log-normal, as endurance spreads over decades); a device
    /// past its own count sticks where it is. Ignored when the preset reports no endurance.
    /// </summary>
    public double EnduranceLogSigma { get; init; } = 0.5;

    /// <summary>
    /// A passive cell's selector (null: none, a linear cell). With one, forward reads are the ideal sum of each cell's
    /// nonlinear current at its row's voltage, and single-device reads sense the half-selected and sneak cells through it;
    /// reads through the wires (series, analytic, exact) need linear cells and refuse it.
    /// </summary>
    public Selector? Selector { get; init; }

    /// <summary>
    /// How a passive array biases its other lines when one device is programmed (<see cref="CrossbarArray.Pulse(int, int, int)"/>,
    /// <see cref="CrossbarArray.Program(ReadOnlySpan{double}, ProgrammingScheme, double, int)"/>): half-selected devices take a partial pulse when their share of the write
    /// voltage exceeds the preset's threshold. Ignored by 1T1R arrays (access resistance &gt; 0), whose transistors select.
    /// </summary>
    public SelectScheme WriteScheme { get; init; } = SelectScheme.HalfVoltage;

    /// <summary>Read pulse width (NeuroSim's default read pulse, MLP_NeuroSim V3.0 <c>Cell.cpp</c>: 5 ns).</summary>
    public double ReadPulseS { get; init; } = 5e-9;

    /// <summary>One problem with the configuration, or null.</summary>
    public string? Problem() =>
        Circuit.Problem() ?? Selector?.Problem()
        ?? (Selector is not null && (Circuit.AccessResistanceOhm > 0 || (Circuit.LineResistanceOhm > 0 && IrDrop != IrDropModel.None)) ? "a selector belongs to a passive cell (no access transistor) read without wire resistance (IR drop none)"
        : !(ReadNoise >= 0) || double.IsInfinity(ReadNoise) ? $"read noise must be a finite number >= 0 (got {ReadNoise})"
        : !(StuckAtMaxFraction >= 0 && StuckAtMinFraction >= 0 && StuckAtMaxFraction + StuckAtMinFraction <= 1) ? $"stuck-at fractions must be >= 0 and sum to at most 1 (got {StuckAtMaxFraction} and {StuckAtMinFraction})"
        : !(EnduranceLogSigma >= 0) || double.IsInfinity(EnduranceLogSigma) ? $"endurance spread must be a finite number >= 0 (got {EnduranceLogSigma})"
        : !(ReadPulseS > 0) || double.IsInfinity(ReadPulseS) ? $"read pulse must be a finite time > 0 s (got {ReadPulseS})"
        : null);
}
