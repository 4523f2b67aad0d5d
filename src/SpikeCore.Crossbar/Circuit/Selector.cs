namespace SpikeCore.Crossbar.Circuit;

/// <summary>
/// The nonlinear selector of a passive cell, as NeuroSim states it: the ratio <see cref="Nonlinearity"/> =
/// I(V_w)/I(V_w/2) of the cell's current at the write voltage to that at half of it (2 for a linear cell; NeuroSim's
/// cross-point default is 10). Modelled as I(V) = g V_r sinh(V/V_0)/sinh(V_r/V_0), V_0 = V_w / (2 arcosh(NL/2)), so
/// that a device of conductance g passes g V_r at the read voltage V_r, half-selected cells pass far less, and sneak
/// paths shrink.
/// </summary>
/// <param name="Nonlinearity">I(V_w)/I(V_w/2), &gt; 2.</param>
/// <param name="WriteVoltageV">V_w, where the ratio is stated.</param>
/// <param name="ReadVoltageV">V_r, where a device's conductance is its current over the voltage.</param>
public sealed record Selector(double Nonlinearity, double WriteVoltageV, double ReadVoltageV)
{
    /// <summary>V_0.</summary>
    public double ScaleV => WriteVoltageV / (2 * Math.Acosh(Nonlinearity / 2));

    /// <summary>The current (µA) of a cell of conductance <paramref name="deviceUs"/> (defined at V_r) under <paramref name="volts"/>.</summary>
    public double CurrentUa(double deviceUs, double volts) => deviceUs * ReadVoltageV * Math.Sinh(volts / ScaleV) / Math.Sinh(ReadVoltageV / ScaleV);

    /// <summary>One problem with the selector, or null.</summary>
    public string? Problem() =>
        !(Nonlinearity > 2) || double.IsInfinity(Nonlinearity) ? $"selector nonlinearity I(V)/I(V/2) must be a finite number > 2 (2 is a linear cell; got {Nonlinearity})"
        : !(WriteVoltageV > 0 && ReadVoltageV > 0) || double.IsInfinity(WriteVoltageV + ReadVoltageV) ? $"selector voltages must be finite and > 0 (got {WriteVoltageV} V, {ReadVoltageV} V)"
        : null;
}
