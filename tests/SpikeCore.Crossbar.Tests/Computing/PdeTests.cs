using MathNet.Numerics.LinearAlgebra.Double;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Devices;

namespace SpikeCore.Crossbar.Tests.Computing;

public class PdeTests
{
    [Fact]
    public void The_grid_laplacian_has_its_closed_form_eigenpairs()
    {
        SparseMatrix a = GridLaplacian.Matrix(12);
        foreach ((int p, int q) in new[] { (1, 1), (2, 5), (12, 3) })
        {
            var v = DenseVector.OfArray(GridLaplacian.Mode(12, p, q));
            Assert.True((a.Multiply(v) - (GridLaplacian.Eigenvalue(12, p, q) * v)).L2Norm() < 1e-12 * v.L2Norm());
        }
    }

    [Fact]
    public void Zero_blocks_are_skipped_and_a_many_plane_product_is_exact_to_its_input_quantisation()
    {
        // 16 x 16 grid, blocks of one grid row: block tridiagonal, 3·16 − 2 nonzero blocks of 256.
        SparseMatrix a = GridLaplacian.Matrix(16);
        var arrays = new BlockArrayMatrix(a, 16, 4, new ArrayConfig { Preset = DevicePresets.Table1Target }, seed: 1);
        Assert.Equal(46, arrays.Blocks);
        Assert.Equal(1, arrays.Slices);
        double[] x = [.. Enumerable.Range(0, 256).Select(k => Math.Sin(0.37 * k) * Math.Exp(-0.01 * k))];
        var y = new double[256];
        arrays.Multiply(x, y, 40);
        var exact = a.Multiply(DenseVector.OfArray(x));
        // Each input is off by at most half a code of 2^-40 max|x|; five coefficients of at most 4 per row: |Δy_i| ≤ 8 · 2^-41.
        for (int i = 0; i < 256; i++)
        {
            Assert.True(Math.Abs(y[i] - exact[i]) <= 8 * Math.ScaleB(1, -41), $"row {i}: {y[i]} vs {exact[i]}");
        }

        Assert.Equal(46L * 40, arrays.Reads, 46L * 40 / 10);
        Assert.True(arrays.Energy.TotalJ > 0);
    }

    [Fact]
    public void Slicing_lets_devices_too_coarse_for_four_bit_digits_compute_exactly()
    {
        // AlOx/HfO2 has 40 levels and 5% cycle-to-cycle spread: a 4-bit digit (1/15 of the range) misses its level by
        // enough that column sums convert to wrong integers; 2-bit digits over two slices convert exactly.
        SparseMatrix a = GridLaplacian.Matrix(16);
        double[] x = [.. Enumerable.Range(0, 256).Select(k => Math.Cos(0.21 * k))];
        var exact = a.Multiply(DenseVector.OfArray(x));
        double WorstError(int bits)
        {
            var arrays = new BlockArrayMatrix(a, 16, bits, new ArrayConfig { Preset = DevicePresets.AlOxHfO2 }, seed: 3);
            var y = new double[256];
            arrays.Multiply(x, y, 40);
            return Enumerable.Range(0, 256).Max(i => Math.Abs(y[i] - exact[i]));
        }

        // Exact conversions leave only the input quantisation, |Δy_i| ≤ 8 · 2^-41 (as above); one wrong integer in plane p costs 2^(p−40).
        double bound = 8 * Math.ScaleB(1, -41);
        Assert.True(WorstError(4) > 1e3 * bound, $"4-bit digits: {WorstError(4)}");
        Assert.True(WorstError(2) <= bound, $"2-bit digits: {WorstError(2)}");
    }

    [Fact]
    public void Refinement_solves_poisson_to_a_relative_residual_of_1e_8_with_4_bit_devices()
    {
        const int side = 24;
        SparseMatrix a = GridLaplacian.Matrix(side);
        double[] truth = GridLaplacian.Sample(side, (x, y) => x * y * (1 - x) * (1 - y) * Math.Exp(x + (2 * y)));
        double[] b = [.. a.Multiply(DenseVector.OfArray(truth))];
        var arrays = new BlockArrayMatrix(a, 64, 4, new ArrayConfig { Preset = DevicePresets.TaOxTiO2 }, seed: 2);
        SolveResult result = new RefinedSolver().Solve(arrays, a, b);
        Assert.True(result.RelativeResidual <= 1e-8, $"residual {result.RelativeResidual}");
        // The error is bounded by the condition number (λmax/λmin < 260 here) times the residual.
        Assert.True((DenseVector.OfArray(result.X) - DenseVector.OfArray(truth)).L2Norm() <= 260 * 1e-8 * DenseVector.OfArray(truth).L2Norm());
        Assert.True(result.Reads > 0 && result.EnergyJ > 0 && result.OuterSteps >= 2);
    }

    [Fact]
    public void Leapfrog_follows_the_closed_form_in_float_and_on_arrays()
    {
        const int side = 16;
        SparseMatrix a = GridLaplacian.Matrix(side);
        WaveResult reference = WaveSolver.Run(null, a, side, 0.4, 60);
        Assert.True(reference.RelativeError < 1e-12, $"float: {reference.RelativeError}");
        var arrays = new BlockArrayMatrix(a, side, 2, new ArrayConfig { Preset = DevicePresets.Table1Target }, seed: 1);
        WaveResult result = WaveSolver.Run(arrays, a, side, 0.4, 60);
        Assert.True(result.RelativeError < 1e-10, $"arrays: {result.RelativeError}");
        Assert.Equal(2, arrays.Slices);
    }
}
