using SpikeCore.Crossbar.Circuit;

namespace SpikeCore.Crossbar.Arrays;

// Reading one device as a memory does, with the other lines of a passive array floating or biased.
public sealed partial class CrossbarArray
{
    /// <summary>
    /// Reads one device of the array at the preset's read voltage as a memory does, with the other lines biased by
    /// <paramref name="scheme"/> and ideal wires: the current sensed at the selected column, and the selected device's
    /// own current. In a passive array they differ by the sneak currents (floating lines) or the half-selected devices
    /// of the selected column (V/2: each at V/2; V/3: each at V/3); a 1T1R array senses only its device.
    /// </summary>
    public (double SensedUa, double CellUa) ReadCell(int row, int column, SelectScheme scheme)
    {
        int c = Cell(row, column);
        double v = Config.Preset.ReadVoltageV, cell = v * Config.Circuit.CellConductanceUs(_g[c]);
        Energy.Reads++;
        Energy.BusyS += Config.ReadPulseS;
        if (Config.Circuit.AccessResistanceOhm > 0)
        {
            Energy.ReadJ += v * cell * 1e-6 * Config.ReadPulseS;
            return (cell, cell);
        }

        // Row voltages: the selected one at V, the others at V/2, V/3 or floating (solved for).
        double[] rowV = new double[Rows], columnV = new double[Columns];
        Selector? selector = Config.Selector;
        double Current(int i, int j, double drop) => selector?.CurrentUa(_g[(i * Columns) + j], drop) ?? _g[(i * Columns) + j] * drop;
        if (scheme == SelectScheme.Floating)
        {
            // Linear cells: one solve. With a selector, Picard iteration on each cell's secant conductance I(ΔV)/ΔV.
            double[] secant = (double[])_g.Clone();
            for (int iteration = 0; iteration < 200; iteration++)
            {
                (double[] r, double[] l) = FloatingLines(row, column, v, secant);
                double change = r.Zip(rowV, (p, q) => Math.Abs(p - q)).Concat(l.Zip(columnV, (p, q) => Math.Abs(p - q))).Max();
                (rowV, columnV) = (r, l);
                rowV[row] = v;
                if (selector is null || change < 1e-13 * v)
                {
                    break;
                }

                for (int k = 0; k < secant.Length; k++)
                {
                    double drop = rowV[k / Columns] - columnV[k % Columns];
                    secant[k] = Math.Abs(drop) > 1e-15 ? Current(k / Columns, k % Columns, drop) / drop : _g[k] * selector.ReadVoltageV / (selector.ScaleV * Math.Sinh(selector.ReadVoltageV / selector.ScaleV)); // the limit of I/ΔV at ΔV = 0
                }
            }
        }
        else
        {
            Array.Fill(rowV, scheme == SelectScheme.HalfVoltage ? v / 2 : v / 3);
            Array.Fill(columnV, scheme == SelectScheme.HalfVoltage ? v / 2 : 2 * v / 3);
        }

        rowV[row] = v;
        columnV[column] = 0;
        double sensed = 0, power = 0;
        for (int i = 0; i < Rows; i++)
        {
            sensed += Current(i, column, rowV[i]);
            for (int j = 0; j < Columns; j++)
            {
                double drop = rowV[i] - columnV[j];
                power += drop * Current(i, j, drop);
            }
        }

        Energy.ReadJ += power * 1e-6 * Config.ReadPulseS;
        return (sensed, cell);
    }

    /// <summary>
    /// The voltages floating lines settle to when row <paramref name="row"/> is driven at <paramref name="v"/> and column
    /// <paramref name="column"/> held at 0 and the cells have <paramref name="conductances"/>: Kirchhoff's law at every
    /// other row and column (a dense solve of M + N − 2 unknowns).
    /// </summary>
    private (double[] Rows, double[] Columns) FloatingLines(int row, int column, double v, double[] conductances)
    {
        // Unknowns: rows ≠ row (first), then columns ≠ column.
        int[] rowIndex = [.. Enumerable.Range(0, Rows).Where(i => i != row)], columnIndex = [.. Enumerable.Range(0, Columns).Where(j => j != column)];
        int n = rowIndex.Length + columnIndex.Length;
        var rowV = new double[Rows];
        var columnV = new double[Columns];
        if (n == 0)
        {
            return (rowV, columnV);
        }

        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n);
        var b = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(n);
        for (int p = 0; p < rowIndex.Length; p++)
        {
            int i = rowIndex[p];
            for (int j = 0; j < Columns; j++)
            {
                double g = conductances[(i * Columns) + j];
                a[p, p] += g;
                if (j != column)
                {
                    a[p, rowIndex.Length + Array.IndexOf(columnIndex, j)] -= g; // the selected column is at 0 V
                }
            }
        }

        for (int q = 0; q < columnIndex.Length; q++)
        {
            int j = columnIndex[q], k = rowIndex.Length + q;
            for (int i = 0; i < Rows; i++)
            {
                double g = conductances[(i * Columns) + j];
                a[k, k] += g;
                if (i == row)
                {
                    b[k] += g * v;
                }
                else
                {
                    a[k, Array.IndexOf(rowIndex, i)] -= g;
                }
            }
        }

        // A line touching only zero conductances floats freely; tie it weakly to 0 V so the system stays regular.
        for (int k = 0; k < n; k++)
        {
            a[k, k] += 1e-12;
        }

        var x = a.Solve(b);
        for (int p = 0; p < rowIndex.Length; p++)
        {
            rowV[rowIndex[p]] = x[p];
        }

        for (int q = 0; q < columnIndex.Length; q++)
        {
            columnV[columnIndex[q]] = x[rowIndex.Length + q];
        }

        return (rowV, columnV);
    }
}
