using System.Diagnostics;
using SpikeCore.Optimization.MaxCut;
using SpikeCore.Optimization.Oscillators;
using SpikeCore.Random;

namespace SpikeCore.Optimization.Solvers;

/// <summary>
/// Max-cut on a Hopfield network whose spins are updated when their Mott oscillators spike (Kumar 2017's scheme, in
/// the form of MOTT.md): each spike of oscillator i sets s_i ← sgn(−h_i + A(t) |h̄| η), h_i = Σ_j w_ij s_j, so with
/// A = 0 each update is a greedy move that never lowers the cut; η perturbs it and A(t) anneals geometrically.
/// </summary>
/// <remarks>
/// η is the normalised voltage (v − v̄)/σ_v of a partner oscillator (a fixed random permutation): an oscillator read at
/// its own spike always sits at the same phase of its cycle. v̄ and σ_v come from the oscillators' own trajectories
/// over a warm-up of about two cycles before the first update. The controls share everything but η
/// (Gaussian noise of unit variance from a stream of its own, or none): same oscillators, spike times and start.
/// The oscillators advance together in steps of h (Euler-Maruyama); local fields update in O(degree) per flip; the
/// best cut visited is kept.
/// </remarks>
public static class MottHopfield
{
    private const ulong Purpose = 71;

    /// <summary>Steps every oscillator takes before the first update (about two cycles at 10 ns).</summary>
    private const int WarmUpSteps = 800;

    /// <summary>One run keyed by (<paramref name="seed"/>, <paramref name="run"/>).</summary>
    public static SolverRun Run(MaxCutGraph graph, MottHopfieldOptions options, ulong seed, int run)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        int n = graph.NodeCount;
        var rng = KeyedRandom.Create(seed, Purpose, (ulong)run);
        var noise = KeyedRandom.Create(seed, Purpose + 1, (ulong)run); // η of the noise control: its own stream, so every arm sees the same oscillators
        var spins = new sbyte[n];
        var oscillators = new MottOscillator[n];
        var states = new MottState[n];
        var partner = new int[n];
        for (int i = 0; i < n; i++)
        {
            spins[i] = rng.NextDouble() < 0.5 ? (sbyte)1 : (sbyte)-1;
            oscillators[i] = options.Oscillator with { BiasV = options.Oscillator.BiasV + (options.BiasSpreadV * ((2 * rng.NextDouble()) - 1)) };
            states[i] = new MottState(rng.NextDouble() * oscillators[i].BiasV * 0.5, options.Oscillator.AmbientK, 1); // random phases
            partner[i] = i;
        }

        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (partner[i], partner[j]) = (partner[j], partner[i]);
        }

        long[] h = CutValue.LocalFields(graph, spins);
        double fieldScale = Math.Max(1, h.Average(x => Math.Abs((double)x)));
        long cut = CutValue.Of(graph, spins), best = cut;
        sbyte[] bestSpins = (sbyte[])spins.Clone();
        double secondsToBest = clock.Elapsed.TotalSeconds;
        // Warm-up: the oscillators leave their initial state; their voltage statistics normalise η.
        double sum = 0, sumSquares = 0;
        for (int step = 0; step < WarmUpSteps; step++)
        {
            for (int i = 0; i < n; i++)
            {
                states[i] = oscillators[i].Step(states[i], rng.NextNormal());
                sum += states[i].VoltageV;
                sumSquares += states[i].VoltageV * states[i].VoltageV;
            }
        }

        double mean = sum / ((double)WarmUpSteps * n), sd = Math.Sqrt(Math.Max((sumSquares / ((double)WarmUpSteps * n)) - (mean * mean), 1e-12));
        long total = (long)n * options.UpdatesPerSpin, done = 0;
        var armed = new bool[n];
        for (int i = 0; i < n; i++)
        {
            armed[i] = states[i].TemperatureK < oscillators[i].RearmK;
        }

        double logRatio = Math.Log(options.EndAmplitude / options.StartAmplitude);
        long maxSteps = (long)options.UpdatesPerSpin * 100_000; // 1 ms of oscillator time per update at 10 ns: far beyond any cycle
        for (long step = 0; done < total; step++)
        {
            if (step == maxSteps)
            {
                throw new InvalidOperationException($"{graph.Name}: the oscillators gave {done} of {total} updates in {maxSteps} steps; are they biased below threshold ({options.Oscillator.BiasV} ± {options.BiasSpreadV} V)?");
            }

            for (int i = 0; i < n; i++)
            {
                states[i] = oscillators[i].Step(states[i], rng.NextNormal());
                if (!oscillators[i].Spiked(states[i], ref armed[i]))
                {
                    continue;
                }

                double amplitude = options.StartAmplitude * Math.Exp(logRatio * done / total) * fieldScale;
                double eta = options.Perturbation switch
                {
                    Perturbation.Chaos => (states[partner[i]].VoltageV - mean) / sd,
                    Perturbation.Noise => noise.NextNormal(),
                    _ => 0,
                };
                done++;
                sbyte wanted = -h[i] + (amplitude * eta) >= 0 ? (sbyte)1 : (sbyte)-1;
                if (wanted == spins[i])
                {
                    continue;
                }

                cut += spins[i] * h[i];
                spins[i] = wanted;
                for (int k = graph.RowStart[i]; k < graph.RowStart[i + 1]; k++)
                {
                    h[graph.Neighbours[k]] += 2L * graph.Weights[k] * wanted;
                }

                if (cut > best)
                {
                    best = cut;
                    secondsToBest = clock.Elapsed.TotalSeconds;
                    Array.Copy(spins, bestSpins, n);
                }
            }
        }

        return new SolverRun(best, bestSpins, secondsToBest, clock.Elapsed.TotalSeconds);
    }
}
