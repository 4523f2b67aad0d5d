using System.Diagnostics;
using SpikeCore.Optimization.MaxCut;
using SpikeCore.Random;

namespace SpikeCore.Optimization.Solvers;

/// <summary>
/// Discrete simulated bifurcation (dSB, Goto, Endo, Suzuki et al., Sci. Adv. 7, eabe7953, 2021) for max-cut, an
/// Ising problem with couplings J_ij = −w_ij. Each spin is a particle (x_i, y_i) advanced by symplectic Euler:
/// <code>
/// y_i += [−(a0 − a(t)) x_i + c0 Σ_j J_ij sgn(x_j)] Δt,    x_i += a0 y_i Δt,    |x_i| &gt; 1 ⇒ x_i = sgn(x_i), y_i = 0
/// </code>
/// with a0 = 1, a(t) ramped linearly 0 → a0, c0 = 0.5 / (σ_J √n), σ_J the RMS coupling. Because the force uses sgn(x),
/// Σ_j J_ij sgn(x_j) = −h_i for the spins s = sgn(x): the local fields of the other solvers, updated in O(degree) when a
/// sign changes, and each change is a flip whose cut is tracked (the best visited is kept).
/// </summary>
public static class SimulatedBifurcation
{

    /// <summary>One run from the random start keyed by (<paramref name="seed"/>, <paramref name="run"/>).</summary>
    public static SolverRun Run(MaxCutGraph graph, BifurcationOptions options, ulong seed, int run)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        int n = graph.NodeCount;
        var rng = KeyedRandom.Create(seed, StreamPurpose.Bifurcation, (ulong)run);
        var x = new double[n];
        var y = new double[n];
        var spins = new sbyte[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = 0.1 * ((2 * rng.NextDouble()) - 1);
            y[i] = 0.1 * ((2 * rng.NextDouble()) - 1);
            spins[i] = x[i] >= 0 ? (sbyte)1 : (sbyte)-1;
        }

        var tracker = new CutTracker(graph, spins, clock);
        long[] h = tracker.Fields;
        double squares = 0;
        foreach (int w in graph.Weights)
        {
            squares += (double)w * w;
        }

        double c0 = n > 1 && squares > 0 ? 0.5 / (Math.Sqrt(squares / ((double)n * (n - 1))) * Math.Sqrt(n)) : 0;
        const double a0 = 1;
        double dt = options.TimeStep;
        for (int step = 0; step < options.Steps; step++)
        {
            double detuning = a0 - (a0 * step / Math.Max(1, options.Steps - 1));
            for (int i = 0; i < n; i++)
            {
                y[i] += ((-detuning * x[i]) - (c0 * h[i])) * dt;
            }

            for (int i = 0; i < n; i++)
            {
                double xi = x[i] + (a0 * y[i] * dt);
                if (Math.Abs(xi) > 1)
                {
                    xi = Math.Sign(xi);
                    y[i] = 0;
                }

                x[i] = xi;
                if ((xi >= 0 ? 1 : -1) != spins[i])
                {
                    tracker.Flip(i);
                }
            }
        }

        return tracker.Result();
    }
}
