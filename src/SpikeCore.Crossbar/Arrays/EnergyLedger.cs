namespace SpikeCore.Crossbar.Arrays;

/// <summary>Energy and work counted by an array, or summed over the arrays of a tiled matrix (joules, counts).</summary>
public sealed class EnergyLedger
{
    /// <summary>Energy dissipated in the devices by reads (V² G t_read per cell).</summary>
    public double ReadJ { get; internal set; }

    /// <summary>Energy dissipated in the wires by reads (exact solves only: driver power minus cell power).</summary>
    public double LineLossJ { get; internal set; }

    /// <summary>Energy of programming pulses, verify reads included.</summary>
    public double WriteJ { get; internal set; }

    /// <summary>Energy of input conversions.</summary>
    public double DacJ { get; internal set; }

    /// <summary>Energy of output conversions.</summary>
    public double AdcJ { get; internal set; }

    /// <summary>Array reads (a forward or transposed read of every column or row).</summary>
    public long Reads { get; internal set; }

    /// <summary>Programming pulses applied.</summary>
    public long Pulses { get; internal set; }

    /// <summary>Analog-to-digital conversions.</summary>
    public long Conversions { get; internal set; }

    /// <summary>Conversions that clipped (inputs beyond the DAC's full scale, outputs beyond the ADC's).</summary>
    public long Clipped { get; internal set; }

    /// <summary>Time the array spent reading and programming (s): read pulses plus write pulses, one after another.</summary>
    public double BusyS { get; internal set; }

    /// <summary>All energy.</summary>
    public double TotalJ => ReadJ + LineLossJ + WriteJ + DacJ + AdcJ;

    /// <summary>Adds <paramref name="other"/>'s counts to these.</summary>
    public void Add(EnergyLedger other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ReadJ += other.ReadJ;
        LineLossJ += other.LineLossJ;
        WriteJ += other.WriteJ;
        DacJ += other.DacJ;
        AdcJ += other.AdcJ;
        Reads += other.Reads;
        Pulses += other.Pulses;
        Conversions += other.Conversions;
        Clipped += other.Clipped;
        BusyS += other.BusyS;
    }
}
