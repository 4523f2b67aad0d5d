namespace SpikeCore.Crossbar.Mapping;

/// <summary>How an input value becomes what drives a row.</summary>
public enum InputEncoding
{
    /// <summary>One read with the DAC's voltage, x V_read (for linear devices the same as a pulse of width ∝ x: charge V G t).</summary>
    Amplitude,

    /// <summary>
    /// Bit-serial: the DAC's code of x, |q| ≤ 2^(b−1) − 1, one read per magnitude bit k with ±V_read on the rows whose
    /// bit is set, each read's outputs converted and shifted by 2^k (ISAAC, PRIME; b − 1 reads and conversions per product).
    /// </summary>
    BitSerial,
}
