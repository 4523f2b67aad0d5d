using System.Globalization;

namespace SpikeCore.Crossbar.Circuit;

/// <summary>
/// Writes the reference circuit (<see cref="CircuitParameters"/>) as a SPICE netlist with an operating-point analysis,
/// so any SPICE (ngspice: <c>ngspice -b FILE</c>) can check a solve: the column outputs are the currents through the
/// zero-volt sources <c>VOUT{j}</c> that stand for the virtual grounds.
/// </summary>
public static class SpiceNetlist
{
    /// <summary>Writes the netlist of <paramref name="deviceUs"/> (row-major, µS) driven by <paramref name="rowVolts"/>; it prints every column current to 15 digits.</summary>
    public static void Write(TextWriter w, ReadOnlySpan<double> deviceUs, int rows, int columns, CircuitParameters circuit, ReadOnlySpan<double> rowVolts)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(circuit);
        static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        double r = circuit.LineResistanceOhm;
        w.WriteLine($"* SpikeCore crossbar reference circuit, {rows} x {columns}, r = {F(r)} ohm, R_access = {F(circuit.AccessResistanceOhm)} ohm");
        for (int i = 0; i < rows; i++)
        {
            w.WriteLine($"VIN{i} in{i} 0 DC {F(rowVolts[i])}");
            for (int j = 0; j < columns; j++)
            {
                w.WriteLine($"RR{i}_{j} {(j == 0 ? $"in{i}" : $"r{i}_{j - 1}")} r{i}_{j} {F(r)}");
                w.WriteLine($"RC{i}_{j} c{i}_{j} {(i == rows - 1 ? $"g{j}" : $"c{i + 1}_{j}")} {F(r)}");
                double g = deviceUs[(i * columns) + j];
                if (g > 0)
                {
                    double ohms = (1e6 / g) + circuit.AccessResistanceOhm;
                    w.WriteLine($"RX{i}_{j} r{i}_{j} c{i}_{j} {F(ohms)}");
                }
            }
        }

        for (int j = 0; j < columns; j++)
        {
            w.WriteLine($"VOUT{j} g{j} 0 DC 0");
        }

        w.WriteLine(".options numdgt=15 reltol=1e-12 abstol=1e-20 vntol=1e-15 gmin=0");
        w.WriteLine(".control");
        w.WriteLine("op");
        w.WriteLine("set numdgt=15");
        for (int j = 0; j < columns; j++)
        {
            w.WriteLine($"print i(VOUT{j})");
        }

        w.WriteLine(".endc");
        w.WriteLine(".end");
    }
}
