using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Random;

namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// Solves A x = b in one step with arrays in the feedback loop of operational amplifiers (Sun et al., PNAS 116, 4123,
/// 2019): A = (G⁺ − G⁻)/u is programmed into two arrays; row i of both meets amplifier i's inverting input, column j of
/// G⁺ is driven by amplifier j's output V_j and column j of G⁻ by an inverter's −V_j; the input current I = u b·1 V is
/// injected at the inputs. At equilibrium the inputs sit at virtual ground, so (G⁺ − G⁻) V = −I and x = −V / 1 V.
/// </summary>
/// <remarks>
/// <para>
/// Each amplifier is a single pole, τ dV_i/dt = −V_i − A₀ v_i with open-loop gain A₀ and gain-bandwidth GBW = A₀/(2πτ);
/// Kirchhoff's law at input i gives v_i = ((G⁺ − G⁻)V + I)_i / s_i with s_i the row's total conductance. The circuit is
/// the linear system dV/dt = M V + c, M = −(1 + A₀ S⁻¹(G⁺ − G⁻))/τ, solved exactly through the eigen-decomposition of M
/// from V(0) = 0: V(t) = V∞ + P e^(Λt) P⁻¹ (V(0) − V∞). It settles only when every eigenvalue of M has a negative real
/// part (A's eigenvalues in the right half-plane); finite gain leaves (G⁺ − G⁻ + S/A₀) V∞ = −I, a relative error of
/// order cond(A)/A₀. Inverters and amplifiers are ideal apart from gain and bandwidth; rails are not modelled.
/// </para>
/// <para>Settling time: the last time ‖V(t) − V∞‖ exceeds <see cref="SettlingTolerance"/> ‖V∞‖.</para>
/// </remarks>
/// <param name="OpenLoopGain">A₀.</param>
/// <param name="GainBandwidthHz">GBW.</param>
/// <param name="SettlingTolerance">The settled band, relative to ‖V∞‖.</param>
public sealed record FeedbackSolver(double OpenLoopGain = 1e5, double GainBandwidthHz = 1e7, double SettlingTolerance = 1e-3)
{
    /// <summary>The largest system the eigen-decomposition takes.</summary>
    public const int MaxSize = 512;

    /// <summary>
    /// Programs <paramref name="a"/> into a pair of arrays of <paramref name="arrays"/> (write-verify), perturbs each device
    /// by a further relative Gaussian error <paramref name="deviceError"/>, and lets the circuit settle for input <paramref name="b"/>.
    /// </summary>
    public FeedbackResult Solve(Matrix<double> a, Vector<double> b, ArrayConfig arrays, double deviceError, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(arrays);
        int n = a.RowCount;
        if (n != a.ColumnCount || n != b.Count || n is < 1 or > MaxSize)
        {
            throw new ArgumentException($"need a square system of 1 to {MaxSize} unknowns (got {a.RowCount} x {a.ColumnCount} and {b.Count})");
        }

        if (!(deviceError >= 0 && deviceError < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(deviceError), $"the device error must be in [0, 1) (got {deviceError})");
        }

        // G⁺ in columns 0..n−1, G⁻ in n..2n−1 of one array: zero weight at G_min on both.
        var device = arrays.Preset.Device;
        double largest = a.Enumerate().Max(Math.Abs), unit = device.RangeUs / largest;
        var crossbar = new CrossbarArray(n, 2 * n, arrays, seed);
        var targets = new double[2 * n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                targets[(i * 2 * n) + j] = device.MinConductanceUs + (unit * Math.Max(a[i, j], 0));
                targets[(i * 2 * n) + n + j] = device.MinConductanceUs + (unit * Math.Max(-a[i, j], 0));
            }
        }

        crossbar.Program(targets);
        var rng = KeyedRandom.Create(seed, StreamPurpose.LinearSystems, 1);
        var plus = Matrix<double>.Build.Dense(n, n);
        var minus = Matrix<double>.Build.Dense(n, n);
        ReadOnlySpan<double> g = crossbar.ConductancesUs;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                plus[i, j] = g[(i * 2 * n) + j] * (1 + (deviceError * rng.NextNormal())) * 1e-6;
                minus[i, j] = g[(i * 2 * n) + n + j] * (1 + (deviceError * rng.NextNormal())) * 1e-6;
            }
        }

        return Settle(plus, minus, b * (unit * 1e-6)) with { ProgrammingJ = crossbar.Energy.TotalJ };
    }

    /// <summary>
    /// The circuit itself: conductances <paramref name="plus"/> and <paramref name="minus"/> (S; row i meets input i,
    /// column j is driven by V_j and −V_j) and input currents <paramref name="current"/> (A). The solution is −V∞ / 1 V.
    /// </summary>
    public FeedbackResult Settle(Matrix<double> plus, Matrix<double> minus, Vector<double> current)
    {
        Loop loop = Linearise(plus, minus, current);
        Vector<double> final = loop.Final;
        Vector<double> x = -final;
        double slowest = loop.Rates.Max(l => l.Real);
        bool stable = slowest < 0;
        double settling = double.NaN;
        if (stable)
        {
            double band = SettlingTolerance * final.L2Norm();
            // Scan a log grid from the fastest time constant to well past the slowest, then bisect the last crossing.
            double first = 0.01 / loop.Rates.Max(l => l.Magnitude), last = 50 * Math.Log(1 / SettlingTolerance) / -slowest;
            int samples = 4000;
            double previous = 0;
            settling = 0;
            for (int k = 0; k <= samples; k++)
            {
                double t = first * Math.Pow(last / first, (double)k / samples);
                if (loop.Transient(t).L2Norm() > band)
                {
                    (previous, settling) = (t, k == samples ? t : first * Math.Pow(last / first, (k + 1.0) / samples));
                }
            }

            for (int k = 0; k < 60 && previous > 0; k++)
            {
                double mid = Math.Sqrt(previous * settling);
                (previous, settling) = loop.Transient(mid).L2Norm() > band ? (mid, settling) : (previous, mid);
            }
        }

        int n = plus.RowCount;
        // Static power in the arrays at equilibrium (inputs at v = V∞·(−1/A₀)), times the settling time.
        Vector<double> v = -final / OpenLoopGain;
        double power = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                power += (plus[i, j] * Math.Pow(final[j] - v[i], 2)) + (minus[i, j] * Math.Pow(-final[j] - v[i], 2));
            }
        }

        return new FeedbackResult(x.ToArray(), stable, settling, slowest, power, stable ? power * settling : double.NaN, 0);
    }

    /// <summary>The amplifiers' outputs V(t) (V) from V(0) = 0, exactly: V∞ + P e^(Λt) P⁻¹ (0 − V∞).</summary>
    public double[] Voltages(Matrix<double> plus, Matrix<double> minus, Vector<double> current, double timeS)
    {
        Loop loop = Linearise(plus, minus, current);
        return (loop.Final + loop.Transient(timeS).Map(z => z.Real)).ToArray();
    }

    /// <summary>dV/dt = M V + c: its equilibrium and modes.</summary>
    private Loop Linearise(Matrix<double> plus, Matrix<double> minus, Vector<double> current)
    {
        ArgumentNullException.ThrowIfNull(plus);
        ArgumentNullException.ThrowIfNull(minus);
        ArgumentNullException.ThrowIfNull(current);
        int n = plus.RowCount;
        double tau = OpenLoopGain / (2 * Math.PI * GainBandwidthHz);
        Vector<double> rows = (plus + minus).RowSums();
        Matrix<double> m = (Matrix<double>.Build.DenseIdentity(n) + (OpenLoopGain * Matrix<double>.Build.DiagonalOfDiagonalVector(rows.Map(s => 1 / s)) * (plus - minus))) / -tau;
        Vector<double> c = OpenLoopGain * current.PointwiseDivide(rows) / -tau;
        Vector<double> final = m.Solve(-c);
        var evd = m.Map(v => new Complex(v, 0)).Evd();
        // Modal coordinates of V(0) − V∞ = −V∞.
        Vector<Complex> modes = evd.EigenVectors.Solve(final.Map(v => new Complex(-v, 0)));
        return new Loop(final, evd.EigenValues, evd.EigenVectors, modes);
    }

    /// <summary>The linear loop: V∞, the eigenvalues Λ (1/s), their eigenvectors P and the start's modal coordinates.</summary>
    private sealed record Loop(Vector<double> Final, Vector<Complex> Rates, Matrix<Complex> Vectors, Vector<Complex> Modes)
    {
        /// <summary>V(t) − V∞.</summary>
        public Vector<Complex> Transient(double timeS) => Vectors * Vector<Complex>.Build.Dense(Rates.Count, k => Modes[k] * Complex.Exp(Rates[k] * timeS));
    }
}
