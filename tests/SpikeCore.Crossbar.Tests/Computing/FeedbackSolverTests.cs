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

    [Fact]
    public void The_settling_transient_matches_ngspice()
    {
        if (Circuit.Ngspice.Executable() is not { } ngspice)
        {
            return;
        }

        // A 3 x 3 mixed-sign system on 10 µS-scale conductances; single-pole amplifiers (A₀ 10⁴, GBW 1 MHz) as a
        // transconductance into 1 Ω ∥ τ F and unity buffers, inverters as gain −1 sources; transient from V = 0.
        (Matrix<double> a, Vector<double> b) = LinearSystems.DiagonallyDominant(3, seed: 6);
        (Matrix<double> plus, Matrix<double> minus) = Split(a, 1e-5);
        Vector<double> current = b * 1e-5;
        var solver = new FeedbackSolver(OpenLoopGain: 1e4, GainBandwidthHz: 1e6);
        double tau = 1e4 / (2 * Math.PI * 1e6);
        double[] times = [2e-7, 5e-7, 1e-6, 3e-6, 2e-5];
        var netlist = new System.Text.StringBuilder("* feedback solver\n.options reltol=1e-7 abstol=1e-18 vntol=1e-12\n");
        for (int i = 0; i < 3; i++)
        {
            netlist.Append(System.FormattableString.Invariant($"G{i} p{i} 0 in{i} 0 1e4\nR{i} p{i} 0 1\nC{i} p{i} 0 {tau:R}\nEo{i} o{i} 0 p{i} 0 1\nEm{i} m{i} 0 p{i} 0 -1\nI{i} 0 in{i} DC {current[i]:R}\n"));
            for (int j = 0; j < 3; j++)
            {
                netlist.Append(plus[i, j] > 0 ? System.FormattableString.Invariant($"Rp{i}{j} in{i} o{j} {1 / plus[i, j]:R}\n") : "");
                netlist.Append(minus[i, j] > 0 ? System.FormattableString.Invariant($"Rm{i}{j} in{i} m{j} {1 / minus[i, j]:R}\n") : "");
            }

            for (int t = 0; t < times.Length; t++)
            {
                netlist.Append(System.FormattableString.Invariant($".meas tran v{i}t{t} FIND v(o{i}) AT={times[t]:R}\n"));
            }
        }

        netlist.Append(".ic v(p0)=0 v(p1)=0 v(p2)=0\n.tran 1n 2.1e-5 0 1n uic\n.end\n");
        string file = Path.Combine(Path.GetTempPath(), $"spikecore-loop-{Guid.NewGuid():N}.cir");
        File.WriteAllText(file, netlist.ToString());
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo(ngspice) { RedirectStandardOutput = true };
            start.ArgumentList.Add("-b");
            start.ArgumentList.Add(file);
            using var process = System.Diagnostics.Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "ngspice did not finish");
            for (int t = 0; t < times.Length; t++)
            {
                double[] ours = solver.Voltages(plus, minus, current, times[t]);
                for (int i = 0; i < 3; i++)
                {
                    string line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith($"v{i}t{t} ", StringComparison.OrdinalIgnoreCase) || l.StartsWith($"v{i}t{t}=", StringComparison.OrdinalIgnoreCase))
                        ?? throw new InvalidOperationException($"ngspice printed no v{i}t{t}: {output}");
                    double spice = double.Parse(line.Split('=')[1].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
                    Assert.True(Math.Abs(spice - ours[i]) <= 1e-3 * Math.Abs(ours[i]) + 1e-6, $"V{i} at {times[t]} s: ngspice {spice}, ours {ours[i]}");
                }
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
