using System.Numerics.Tensors;

namespace SpikeCore.Crossbar.Circuit;

/// <summary>The closed forms of a read without the exact circuit: the ideal product and NeuroSim's series path.</summary>
public static class IdealProduct
{
    /// <summary>
    /// I_j = Σ_i V_i g_ij over a row-major <paramref name="rows"/> × N matrix <paramref name="cellUs"/> (µS, V → µA): one
    /// SIMD multiply-add of each row into the outputs, 2MN flops.
    /// </summary>
    public static void Multiply(ReadOnlySpan<double> cellUs, int rows, ReadOnlySpan<double> rowVolts, Span<double> columnCurrentsUa)
    {
        int columns = columnCurrentsUa.Length;
        columnCurrentsUa.Clear();
        for (int i = 0; i < rows; i++)
        {
            if (rowVolts[i] != 0)
            {
                TensorPrimitives.MultiplyAdd(cellUs.Slice(i * columns, columns), rowVolts[i], columnCurrentsUa, columnCurrentsUa);
            }
        }
    }

    /// <summary>
    /// The transposed product I_i = Σ_j V_j g_ij (inputs on the columns, outputs on the rows): one dot product per row.
    /// </summary>
    public static void MultiplyTransposed(ReadOnlySpan<double> cellUs, int columns, ReadOnlySpan<double> columnVolts, Span<double> rowCurrentsUa)
    {
        for (int i = 0; i < rowCurrentsUa.Length; i++)
        {
            rowCurrentsUa[i] = TensorPrimitives.Dot(cellUs.Slice(i * columns, columns), columnVolts);
        }
    }

    /// <summary>
    /// NeuroSim's per-cell series path: I_j = Σ_i V_i / (1/G_ij + R_access + (j + 1) r + (M − i) r), each cell alone on its
    /// wires (<see cref="IrDropModel.Series"/>); <paramref name="deviceUs"/> are the device conductances (µS).
    /// </summary>
    public static void SeriesPath(ReadOnlySpan<double> deviceUs, int rows, CircuitParameters circuit, ReadOnlySpan<double> rowVolts, Span<double> columnCurrentsUa)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        int columns = columnCurrentsUa.Length;
        double r = circuit.LineResistanceOhm * 1e-6, access = circuit.AccessResistanceOhm * 1e-6; // MΩ
        columnCurrentsUa.Clear();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                double g = deviceUs[(i * columns) + j];
                if (g > 0)
                {
                    columnCurrentsUa[j] += rowVolts[i] / ((1 / g) + access + ((j + 1 + rows - i) * r));
                }
            }
        }
    }

    /// <summary>
    /// The ideal product less aihwkit's analytic IR-drop correction (<see cref="IrDropModel.Analytic"/>) for cells
    /// <paramref name="cellUs"/> (row-major, µS) of devices up to <paramref name="maxConductanceUs"/>.
    /// </summary>
    public static void AnalyticIrDrop(ReadOnlySpan<double> cellUs, int rows, CircuitParameters circuit, double maxConductanceUs, ReadOnlySpan<double> rowVolts, Span<double> columnCurrentsUa)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        int columns = columnCurrentsUa.Length;
        Multiply(cellUs, rows, rowVolts, columnCurrentsUa);
        if (!(circuit.LineResistanceOhm > 0))
        {
            return;
        }

        // In aihwkit's units, w = g/G_max and x = V/V_max; outputs scale back by G_max V_max.
        double vMax = 0;
        foreach (double v in rowVolts)
        {
            vMax = Math.Max(vMax, Math.Abs(v));
        }

        if (vMax == 0)
        {
            return;
        }

        double wireOverDevice = 1e6 / circuit.LineResistanceOhm / maxConductanceUs;
        var current = new double[columns];
        var weighted = new double[columns];
        for (int i = 0; i < rows; i++)
        {
            double x = rowVolts[i] / vMax, p = 1 - ((double)(rows - i) / rows), xp = x * (1 - (p * p));
            for (int j = 0; j < columns; j++)
            {
                double w = cellUs[(i * columns) + j] / maxConductanceUs;
                current[j] += Math.Abs(w * x);
                weighted[j] += w * xp;
            }
        }

        for (int j = 0; j < columns; j++)
        {
            double a = rows * current[j] / wireOverDevice, c = a * ((a * ((0.05 * a) - 0.2)) + 0.5);
            columnCurrentsUa[j] -= c * weighted[j] * maxConductanceUs * vMax;
        }
    }
}
