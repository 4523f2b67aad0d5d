using SpikeCore.Crossbar.Circuit;

namespace SpikeCore.Crossbar.Tests.Circuit;

public class NodalSolverTests
{
    private static (double[] G, double[] V) Random(int rows, int columns, int seed)
    {
        var rng = new System.Random(seed);
        double[] g = [.. Enumerable.Range(0, rows * columns).Select(_ => 1 + (99 * rng.NextDouble()))]; // 1-100 µS
        double[] v = [.. Enumerable.Range(0, rows).Select(_ => rng.NextDouble() * 0.5)];
        return (g, v);
    }

    private static double[] Exact(double[] g, int rows, int columns, CircuitParameters circuit, double[] v)
    {
        var currents = new double[columns];
        new NodalSolver(g, rows, columns, circuit).Solve(v, currents);
        return currents;
    }

    private static double LargestRelativeDifference(double[] a, double[] b) =>
        a.Zip(b, (x, y) => Math.Abs(x - y) / Math.Max(Math.Abs(y), 1e-300)).Max();

    [Theory]
    [InlineData(4, 4, 1.0, 0.0)]
    [InlineData(8, 8, 2.5, 0.0)]
    [InlineData(16, 16, 1.0, 15e3)]
    [InlineData(32, 32, 10.0, 0.0)]
    [InlineData(64, 64, 2.5, 0.0)]
    [InlineData(64, 64, 1.0, 15e3)]
    [InlineData(8, 24, 5.0, 0.0)]  // wide: ordered column-major
    [InlineData(24, 8, 5.0, 1e3)]  // tall: ordered row-major
    public void The_exact_solve_equals_ngspice_to_1e_9(int rows, int columns, double lineOhm, double accessOhm)
    {
        if (Ngspice.Executable() is not { } ngspice)
        {
            return; // ngspice is not installed here (CI installs it and sets SPIKECORE_REQUIRE_NGSPICE=1)
        }

        (double[] g, double[] v) = Random(rows, columns, rows * 1000 + columns);
        var circuit = new CircuitParameters(lineOhm, accessOhm);
        double[] spice = Ngspice.ColumnCurrentsUa(ngspice, g, rows, columns, circuit, v);
        double[] ours = Exact(g, rows, columns, circuit, v);
        Assert.True(LargestRelativeDifference(ours, spice) <= 1e-9, $"largest relative difference {LargestRelativeDifference(ours, spice):E2}");

        // The drop is real at these sizes: the exact currents are below the ideal product, the series path in between.
        var ideal = new double[columns];
        IdealProduct.Multiply([.. g.Select(circuit.CellConductanceUs)], rows, v, ideal);
        Assert.All(Enumerable.Range(0, columns), j => Assert.True(ours[j] < ideal[j]));
    }

    [Fact]
    public void Small_and_uneven_arrays_match_a_dense_solve_of_the_same_nodal_equations()
    {
        // An independent assembly: Kirchhoff's law written node by node into a dense matrix, solved by Gaussian elimination.
        foreach ((int rows, int columns) in new[] { (1, 1), (1, 5), (5, 1), (3, 4), (4, 3), (6, 6) })
        {
            (double[] g, double[] v) = Random(rows, columns, 7 * rows + columns);
            g[0] = 0; // a missing device (stuck open) keeps the matrix definite
            var circuit = new CircuitParameters(3, 2e3);
            double[] dense = DenseReference(g, rows, columns, circuit, v);
            Assert.True(LargestRelativeDifference(Exact(g, rows, columns, circuit, v), dense) <= 1e-12, $"{rows} x {columns}");
        }
    }

    [Fact]
    public void As_the_wire_resistance_vanishes_the_exact_currents_reach_the_ideal_product_and_the_drop_grows_with_it()
    {
        (double[] g, double[] v) = Random(32, 32, 3);
        var ideal = new double[32];
        IdealProduct.Multiply(g, 32, v, ideal);
        double previous = 0;
        foreach (double r in new[] { 1e-6, 1e-3, 0.1, 1, 10 })
        {
            double error = LargestRelativeDifference(Exact(g, 32, 32, new CircuitParameters(r), v), ideal);
            Assert.True(error > previous, $"r = {r}: {error:E2} after {previous:E2}");
            previous = error;
        }

        // First order in r: the drop at r = 1e-6 Ω is about 1e-6 of the drop at r = 1 Ω.
        double tiny = LargestRelativeDifference(Exact(g, 32, 32, new CircuitParameters(1e-6), v), ideal);
        double one = LargestRelativeDifference(Exact(g, 32, 32, new CircuitParameters(1), v), ideal);
        Assert.InRange(tiny / one, 0.9e-6, 1.1e-6);
    }

    [Fact]
    public void The_series_path_is_the_exact_solution_for_a_single_cell_and_differs_once_cells_share_wires()
    {
        var circuit = new CircuitParameters(5, 1e3);
        double[] single = Exact([40.0], 1, 1, circuit, [0.3]);
        var series = new double[1];
        IdealProduct.SeriesPath([40.0], 1, circuit, [0.3], series);
        Assert.Equal(single[0], series[0], 1e-12 * single[0]);
        Assert.Equal(0.3 / ((1 / 40.0) + 1e-3 + 10e-6), series[0], 1e-12); // V / (1/G + R_a + 2r), MΩ

        (double[] g, double[] v) = Random(16, 16, 11);
        double[] exact = Exact(g, 16, 16, circuit, v);
        var path = new double[16];
        IdealProduct.SeriesPath(g, 16, circuit, v, path);
        Assert.All(Enumerable.Range(0, 16), j => Assert.True(path[j] > exact[j], "sharing the wires only lowers the currents further"));
    }

    [Fact]
    public void The_drivers_deliver_the_power_the_cells_and_wires_dissipate()
    {
        (double[] g, double[] v) = Random(12, 9, 5);
        var circuit = new CircuitParameters(4, 500);
        var solver = new NodalSolver(g, 12, 9, circuit);
        double delivered = solver.Solve(v, new double[9]);
        ReadOnlySpan<double> x = solver.NodeVoltages;
        double line = 1e6 / 4, dissipated = 0;
        for (int i = 0; i < 12; i++)
        {
            for (int j = 0; j < 9; j++)
            {
                double cell = circuit.CellConductanceUs(g[(i * 9) + j]), drop = x[solver.RowNode(i, j)] - x[solver.ColumnNode(i, j)];
                double left = j == 0 ? v[i] : x[solver.RowNode(i, j - 1)], below = i == 11 ? 0 : x[solver.ColumnNode(i + 1, j)];
                dissipated += (cell * drop * drop) + (line * Math.Pow(left - x[solver.RowNode(i, j)], 2)) + (line * Math.Pow(x[solver.ColumnNode(i, j)] - below, 2));
            }
        }

        Assert.Equal(dissipated, delivered, 1e-9 * dissipated);
    }

    [Fact]
    public void An_exact_solve_beyond_the_memory_this_process_may_use_is_refused_before_its_factor_is_allocated()
    {
        // 4096 × 4096: a band factor of 2·4096² unknowns × 8,193 doubles, about 2.2 TB.
        var g = new double[4096 * 4096];
        Array.Fill(g, 10.0);
        var e = Assert.Throws<InsufficientMemoryException>(() => new NodalSolver(g, 4096, 4096, new CircuitParameters(1)));
        Assert.Contains("4096 x 4096 array needs about 2199", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Node voltages by Gaussian elimination with partial pivoting on a dense matrix built node by node; returns the column currents.</summary>
    private static double[] DenseReference(double[] g, int rows, int columns, CircuitParameters circuit, double[] v)
    {
        int cells = rows * columns, n = 2 * cells;
        int R(int i, int j) => (i * columns) + j;           // row nodes first
        int C(int i, int j) => cells + (i * columns) + j;   // then column nodes
        double line = 1e6 / circuit.LineResistanceOhm;
        var a = new double[n, n];
        var b = new double[n];
        void Conduct(int p, int q, double s)
        {
            a[p, p] += s;
            if (q >= 0)
            {
                a[q, q] += s;
                a[p, q] -= s;
                a[q, p] -= s;
            }
        }

        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                Conduct(R(i, j), C(i, j), circuit.CellConductanceUs(g[(i * columns) + j]));
                Conduct(R(i, j), j == 0 ? -1 : R(i, j - 1), line);
                Conduct(C(i, j), i == rows - 1 ? -1 : C(i + 1, j), line);
            }

            b[R(i, 0)] += line * v[i];
        }

        for (int k = 0; k < n; k++)
        {
            int p = Enumerable.Range(k, n - k).MaxBy(r => Math.Abs(a[r, k]));
            for (int c = 0; c < n; c++)
            {
                (a[k, c], a[p, c]) = (a[p, c], a[k, c]);
            }

            (b[k], b[p]) = (b[p], b[k]);
            for (int r = k + 1; r < n; r++)
            {
                double f = a[r, k] / a[k, k];
                for (int c = k; c < n; c++)
                {
                    a[r, c] -= f * a[k, c];
                }

                b[r] -= f * b[k];
            }
        }

        var x = new double[n];
        for (int k = n - 1; k >= 0; k--)
        {
            double s = b[k];
            for (int c = k + 1; c < n; c++)
            {
                s -= a[k, c] * x[c];
            }

            x[k] = s / a[k, k];
        }

        return [.. Enumerable.Range(0, columns).Select(j => line * x[C(rows - 1, j)])];
    }
}
