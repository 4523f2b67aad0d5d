namespace SpikeCore.Crossbar.Circuit;

/// <summary>
/// The exact operating point of the reference circuit (<see cref="CircuitParameters"/>) for given row voltages, by nodal
/// analysis with a factorisation kept until the conductances change.
/// </summary>
/// <remarks>
/// Unknowns: the 2MN node voltages, row node (i, j) and column node (i, j) of each cell. Kirchhoff's current law at
/// each node gives G_node v = b, symmetric positive definite for r &gt; 0 (every node has a resistive path to a source
/// or to the virtual ground), about 8MN nonzeros. Ordered cell by cell along the shorter dimension (row-major when
/// N ≤ M), its half-bandwidth is 2 min(M, N), so a band Cholesky factor costs 4MN·min(M, N)² multiply-adds once and
/// 8MN·min(M, N) per read (<see cref="BandCholesky"/>); 128 × 128: 67 MB, 512 × 512: 4.3 GB. The output of column j is
/// the current through its last segment, v(M−1, j)/r: against ngspice to 2e-13 relative on 64 × 64 arrays without
/// iterative refinement. Units: V, µS, µA, Ω.
/// </remarks>
public sealed class NodalSolver
{
    private readonly BandCholesky _factor;
    private readonly double[] _cell;   // g'_ij, µS
    private readonly double _line;     // 1/r, µS
    private readonly int _rows, _columns;
    private readonly bool _rowMajor;
    private readonly double[] _x;

    /// <summary>Factors the circuit of <paramref name="conductancesUs"/> (row-major, <paramref name="rows"/> × <paramref name="columns"/>, µS).</summary>
    /// <exception cref="ArgumentException">r is not positive (r = 0 is the ideal product), or sizes do not match.</exception>
    public NodalSolver(ReadOnlySpan<double> conductancesUs, int rows, int columns, CircuitParameters circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (!(circuit.LineResistanceOhm > 0))
        {
            throw new ArgumentException($"the exact solve needs a line resistance > 0 (got {circuit.LineResistanceOhm}); with r = 0 the ideal product is exact", nameof(circuit));
        }

        if (rows < 1 || columns < 1 || conductancesUs.Length != (long)rows * columns)
        {
            throw new ArgumentException($"{conductancesUs.Length} conductances for a {rows} × {columns} array", nameof(conductancesUs));
        }

        (_rows, _columns, _rowMajor) = (rows, columns, columns <= rows);
        _line = 1e6 / circuit.LineResistanceOhm;
        _cell = new double[conductancesUs.Length];
        for (int k = 0; k < _cell.Length; k++)
        {
            _cell[k] = circuit.CellConductanceUs(conductancesUs[k]);
        }

        int n = 2 * rows * columns;
        double bytes = FactorBytes(rows, columns);
        if (bytes > GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)
        {
            throw new InsufficientMemoryException($"the exact solve of a {rows} x {columns} array needs about {bytes / 1e9:F1} GB for its factor, more than the {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9:F1} GB this process may use; use smaller tiles");
        }

        _factor = new BandCholesky(n, 2 * Math.Min(rows, columns));
        Assemble();
        _factor.Factor();
        _x = new double[n];
    }

    /// <summary>Rows M.</summary>
    public int Rows => _rows;

    /// <summary>Columns N.</summary>
    public int Columns => _columns;

    /// <summary>Bytes the factor of an <paramref name="rows"/> × <paramref name="columns"/> array takes: 2MN unknowns × (2 min(M, N) + 1) doubles.</summary>
    public static double FactorBytes(int rows, int columns) => 2.0 * rows * columns * ((2.0 * Math.Min(rows, columns)) + 1) * sizeof(double);

    /// <summary>The node voltages of the last <see cref="Solve"/>: row node (i, j) at <see cref="RowNode"/>, column node at <see cref="ColumnNode"/>.</summary>
    public ReadOnlySpan<double> NodeVoltages => _x;

    /// <summary>The conductance of cell (i, j) between its two nodes (µS): the device and its access transistor in series.</summary>
    public double CellConductance(int i, int j) => _cell[(i * _columns) + j];

    /// <summary>Index of row node (i, j) among the unknowns.</summary>
    public int RowNode(int i, int j) => 2 * (_rowMajor ? (i * _columns) + j : (j * _rows) + i);

    /// <summary>Index of column node (i, j) among the unknowns.</summary>
    public int ColumnNode(int i, int j) => RowNode(i, j) + 1;

    /// <summary>
    /// The column currents (µA, into the virtual grounds) for row voltages <paramref name="rowVolts"/> (V); returns the
    /// power the row drivers deliver (µW: the cells' dissipation plus the wires').
    /// </summary>
    public double Solve(ReadOnlySpan<double> rowVolts, Span<double> columnCurrentsUa)
    {
        if (rowVolts.Length != _rows || columnCurrentsUa.Length != _columns)
        {
            throw new ArgumentException($"{rowVolts.Length} row voltages and {columnCurrentsUa.Length} outputs for a {_rows} × {_columns} array");
        }

        Span<double> x = _x;
        x.Clear();
        for (int i = 0; i < _rows; i++)
        {
            x[RowNode(i, 0)] = _line * rowVolts[i];
        }

        _factor.Solve(x);

        for (int j = 0; j < _columns; j++)
        {
            columnCurrentsUa[j] = _line * x[ColumnNode(_rows - 1, j)];
        }

        double power = 0;
        for (int i = 0; i < _rows; i++)
        {
            power += rowVolts[i] * _line * (rowVolts[i] - x[RowNode(i, 0)]);
        }

        return power;
    }

    /// <summary>Stamps every conductance: each cell, each wire segment, the source and ground segments.</summary>
    private void Assemble()
    {
        for (int i = 0; i < _rows; i++)
        {
            for (int j = 0; j < _columns; j++)
            {
                int a = RowNode(i, j), c = ColumnNode(i, j);
                Stamp(a, c, _cell[(i * _columns) + j]);
                if (j == 0)
                {
                    _factor.Add(a, a, _line); // to the row's driver
                }
                else
                {
                    Stamp(RowNode(i, j - 1), a, _line);
                }

                if (i == _rows - 1)
                {
                    _factor.Add(c, c, _line); // to the column's virtual ground
                }
                else
                {
                    Stamp(c, ColumnNode(i + 1, j), _line);
                }
            }
        }
    }

    private void Stamp(int p, int q, double g)
    {
        _factor.Add(p, p, g);
        _factor.Add(q, q, g);
        _factor.Add(p, q, -g);
    }
}
