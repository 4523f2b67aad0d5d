using MathNet.Numerics.LinearAlgebra;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Devices;

namespace SpikeCore.Crossbar.Tests.Computing;

public class FeedbackSolverTests
{
    private static (Matrix<double> Plus, Matrix<double> Minus) Split(Matrix<double> a, double siemens) =>
        (a.Map(v => Math.Max(v, 0) * siemens), a.Map(v => Math.Max(-v, 0) * siemens));

    [Fact]
    public void With_exact_conductances_and_large_gain_the_circuit_holds_the_direct_solution()
    {
        (Matrix<double> a, Vector<double> b) = LinearSystems.DiagonallyDominant(12, seed: 4);
        (Matrix<double> plus, Matrix<double> minus) = Split(a, 1e-5);
        FeedbackResult r = new FeedbackSolver(OpenLoopGain: 1e12).Settle(plus, minus, b * 1e-5);
        Assert.True(r.Stable);
        Assert.True((Vector<double>.Build.DenseOfArray(r.X) - a.Solve(b)).L2Norm() < 1e-9 * a.Solve(b).L2Norm());
    }

    [Fact]
    public void Finite_gain_leaves_the_closed_form_error()
    {
        // (G⁺ − G⁻ + S/A₀) V∞ = −I with S the rows' total conductance.
        (Matrix<double> a, Vector<double> b) = LinearSystems.PageRank(10, 3, 0.85, seed: 2);
        (Matrix<double> plus, Matrix<double> minus) = Split(a, 1e-5);
        const double gain = 50;
        FeedbackResult r = new FeedbackSolver(OpenLoopGain: gain).Settle(plus, minus, b * 1e-5);
        Matrix<double> loaded = plus - minus + Matrix<double>.Build.DiagonalOfDiagonalVector((plus + minus).RowSums() / gain);
        Vector<double> expected = loaded.Solve(b * 1e-5);
        Assert.True((Vector<double>.Build.DenseOfArray(r.X) - expected).L2Norm() < 1e-10 * expected.L2Norm());
        Assert.True((expected - a.Solve(b)).L2Norm() > 1e-3 * expected.L2Norm(), "gain 50 should leave a visible error");
    }

    [Fact]
    public void One_amplifier_settles_with_its_closed_loop_time_constant()
    {
        // One device g: v = (g V + I)/g, so τ dV/dt = −V − A₀ (V + I/g): V relaxes at rate (1 + A₀)/τ to −A₀ I/(g (1 + A₀)),
        // within 0.1% after ln(1000) τ/(1 + A₀).
        var solver = new FeedbackSolver(OpenLoopGain: 1e4, GainBandwidthHz: 1e6);
        FeedbackResult r = solver.Settle(Matrix<double>.Build.Dense(1, 1, 1e-5), Matrix<double>.Build.Dense(1, 1, 0), Vector<double>.Build.Dense(1, 2e-6));
        double tau = 1e4 / (2 * Math.PI * 1e6);
        Assert.Equal(Math.Log(1000) * tau / (1 + 1e4), r.SettlingTimeS, 1e-6 * r.SettlingTimeS);
        Assert.Equal(-0.2 * 1e4 / (1 + 1e4), -r.X[0], 12);
    }

    [Fact]
    public void A_matrix_with_an_eigenvalue_in_the_left_half_plane_does_not_settle()
    {
        FeedbackResult r = new FeedbackSolver().Settle(Matrix<double>.Build.Dense(1, 1, 0), Matrix<double>.Build.Dense(1, 1, 1e-5), Vector<double>.Build.Dense(1, 1e-6));
        Assert.False(r.Stable);
        Assert.True(r.SlowestRatePerS > 0);
    }

    [Fact]
    public void Programmed_arrays_carry_their_programming_error_into_the_solution()
    {
        (Matrix<double> a, Vector<double> b) = LinearSystems.DiagonallyDominant(8, seed: 1);
        Vector<double> direct = a.Solve(b);
        double Error(double deviceError) => (Vector<double>.Build.DenseOfArray(new FeedbackSolver(OpenLoopGain: 1e8).Solve(a, b, new ArrayConfig { Preset = DevicePresets.Table1Target }, deviceError, seed: 1).X) - direct).L2Norm() / direct.L2Norm();
        double programmed = Error(0), noisier = Error(0.05);
        Assert.InRange(programmed, 1e-4, 0.1);
        Assert.True(noisier > programmed, $"5% device error {noisier} vs {programmed}");
    }
}
