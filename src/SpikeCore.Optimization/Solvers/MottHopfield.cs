using System.Diagnostics;
using SpikeCore.Optimization.MaxCut;
using SpikeCore.Optimization.Oscillators;
using SpikeCore.Random;
using SpikeCore.Scheduling;

namespace SpikeCore.Optimization.Solvers;

/// <summary>
/// Max-cut on a Hopfield network whose spins are updated when their Mott oscillators spike (Kumar 2017's scheme, in
/// the form of MOTT.md), driven by the engine's scheduler: each spike of oscillator i sets
/// <code>
/// g_i = −h_i + A(t) |h̄| η,   h_i = Σ_j w_ij s_j,   s_i ← −s_i  if  s_i g_i &lt; −θ(t) |h̄|
/// </code>
/// With A = θ = 0 every update is a greedy move that never lowers the cut; η perturbs it, A(t) anneals geometrically
/// and the hysteresis θ(t) (Cai 2020) ramps linearly: negative lets spins flip against their field, positive holds
/// them.
/// </summary>
/// <remarks>
/// Event-driven: every oscillator has one slot in the engine's <see cref="EmitterHeap"/> holding its next spike time;
/// the earliest is delivered, its spin updated, and the oscillator integrated (Euler-Maruyama, its own noise stream)
/// to its following spike. η is the normalised voltage (v − v̄)/σ_v of another oscillator at the spike time: the m-th
/// update of spin i reads oscillator (i + m·k) mod n, k ≈ 0.618 n (a golden-ratio scan, so successive reads of one
/// spin land on unrelated oscillators). Reading the spiking oscillator itself gives the same phase every time, and a
/// fixed partner gives a slowly drifting phase: both measured worse on G1 (99.4-99.6% vs 99.8% at 500 updates per
/// spin). v̄ and σ_v are measured over one full cycle of every oscillator before the first update, and spikes before
/// every oscillator has fired once are warm-up. The controls share everything but η (Gaussian noise of unit variance
/// from a stream of its own, or none): same oscillators, spike times, hysteresis and start. Local fields update in
/// O(degree) per flip; the best cut visited is kept.
/// </remarks>
public static class MottHopfield
{

    /// <summary>
    /// One run keyed by (<paramref name="seed"/>, <paramref name="run"/>). With <paramref name="couplings"/> (n × n,
    /// row-major: the graph's weights as some hardware holds them, e.g. read back from arrays) the spins decide on the
    /// fields those couplings give, kept in O(n) per flip, while the cut is still counted on the graph itself.
    /// </summary>
    public static SolverRun Run(MaxCutGraph graph, MottHopfieldOptions options, ulong seed, int run, double[]? couplings = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        int n = graph.NodeCount;
        var rng = KeyedRandom.Create(seed, StreamPurpose.MottHopfield, (ulong)run);
        var noise = KeyedRandom.Create(seed, StreamPurpose.MottHopfield + 1, (ulong)run); // η of the noise control: its own stream, so every arm sees the same oscillators
        var spins = new sbyte[n];
        var biasV = new double[n];
        var startV = new double[n];
        for (int i = 0; i < n; i++)
        {
            spins[i] = rng.NextDouble() < 0.5 ? (sbyte)1 : (sbyte)-1;
            biasV[i] = options.Oscillator.BiasV + (options.BiasSpreadV * ((2 * rng.NextDouble()) - 1));
            startV[i] = rng.NextDouble() * biasV[i] * 0.5; // random phases
        }

        var bank = new MottOscillatorBank(options.Oscillator, biasV, startV, KeyedRandom.Create(seed, StreamPurpose.MottHopfieldOscillators, (ulong)run).NextUInt64(), StreamPurpose.MottHopfieldOscillators);
        var heap = new EmitterHeap(n);
        long maxCycleSteps = (long)Math.Ceiling(1e6 / options.Oscillator.StepNs); // 1 ms of oscillator time: far beyond any cycle
        long warmUpEnd = 0;
        double sum = 0, sumSquares = 0;
        long count = 0;
        for (int i = 0; i < n; i++)
        {
            long first = NextSpike(bank, i, 0, maxCycleSteps, graph, options);
            long second = NextSpike(bank, i, first, maxCycleSteps, graph, options);
            bank.AddVoltageMoments(i, second, ref sum, ref sumSquares, ref count);
            warmUpEnd = Math.Max(warmUpEnd, first);
            heap.Update(i, second);
        }

        double mean = sum / count, sd = Math.Sqrt(Math.Max((sumSquares / count) - (mean * mean), 1e-12));
        if (couplings is not null && couplings.Length != (long)n * n)
        {
            throw new ArgumentException($"{couplings.Length} couplings for a graph of {n} nodes", nameof(couplings));
        }

        var tracker = new CutTracker(graph, spins, clock);
        double[] h = couplings is null ? [] : Fields(couplings, spins);
        double fieldScale = couplings is null ? Math.Max(1, tracker.Fields.Average(x => Math.Abs((double)x))) : Math.Max(1e-12, h.Average(Math.Abs));
        long total = (long)n * options.UpdatesPerSpin;
        var reads = new long[n];
        long stride = Math.Max(1, (long)Math.Round(0.6180339887 * n)) | 1; // the golden-ratio scan: successive reads of a spin land far apart
        double logRatio = Math.Log(options.EndAmplitude / options.StartAmplitude);
        for (long done = 0; done < total;)
        {
            int i = heap.TopId;
            long now = (long)heap.TopTimeMs; // the heap's key is the spike's step
            if (now > warmUpEnd)
            {
                double progress = done / (double)total;
                double eta = options.Perturbation switch
                {
                    Perturbation.Chaos => (bank.VoltageAt((int)((i + (++reads[i] * stride)) % n), now) - mean) / sd,
                    Perturbation.Noise => noise.NextNormal(),
                    _ => 0,
                };
                double field = couplings is null ? tracker.Fields[i] : h[i];
                double drive = -field + (options.StartAmplitude * Math.Exp(logRatio * progress) * fieldScale * eta);
                double hysteresis = (options.HysteresisStart + ((options.HysteresisEnd - options.HysteresisStart) * progress)) * fieldScale;
                done++;
                if (spins[i] * drive < -hysteresis)
                {
                    tracker.Flip(i);
                    if (couplings is not null)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            h[j] += 2.0 * spins[i] * couplings[(j * n) + i]; // h_j += 2 s_i J_ji with the new s_i
                        }
                    }
                }
            }

            heap.Update(i, NextSpike(bank, i, now, maxCycleSteps, graph, options));
        }

        return tracker.Result();
    }

    /// <summary>h = J s.</summary>
    private static double[] Fields(double[] couplings, sbyte[] spins)
    {
        int n = spins.Length;
        var h = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                h[i] += couplings[(i * n) + j] * spins[j];
            }
        }

        return h;
    }

    private static long NextSpike(MottOscillatorBank bank, int i, long now, long maxCycleSteps, MaxCutGraph graph, MottHopfieldOptions options)
    {
        long next = bank.AdvanceToSpike(i, now, maxCycleSteps);
        return next >= 0
            ? next
            : throw new InvalidOperationException($"{graph.Name}: oscillator {i} gave no spike in {maxCycleSteps} steps (1 ms); is it biased below threshold ({options.Oscillator.BiasV} ± {options.BiasSpreadV} V)?");
    }
}
