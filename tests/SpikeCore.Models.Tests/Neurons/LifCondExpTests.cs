using SpikeCore.Building;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;

namespace SpikeCore.Models.Tests.Neurons;

public class LifCondExpTests
{
    private static readonly double[] s_input = [5.0, 7.5, 8.0, 12.25, 13.0, 13.1, 20.0, 21.3, 22.0, 22.05, 30.0, 31.7];

    /// <summary>
    /// Reference: RK4 on the full ODE with steps of at most 1e-4 ms that land exactly on every input arrival and every
    /// end of a refractory period; a crossing is located by cubic-accurate bisection on the RK4 step.
    /// </summary>
    private static List<double> Reference(LifCondExp p, double weightNs, double endMs)
    {
        const double H = 1e-4;
        double v = p.RestMv, ge = 0, t = 0, refractoryUntil = double.NegativeInfinity;
        var arrivals = new Queue<double>(s_input.Select(x => x + 1.0));
        var spikes = new List<double>();
        double Dv(double vv, double e, double i) => (p.LeakConductanceNs * (p.RestMv - vv) + e * (p.Synapses.ExcitatoryReversalMv - vv) + i * (p.Synapses.InhibitoryReversalMv - vv)) / p.CapacitancePf;
        double Step(double v0, double g0, double h)
        {
            double gMid = g0 * Math.Exp(-h / 2 / p.Synapses.ExcitatoryTauMs), gEnd = g0 * Math.Exp(-h / p.Synapses.ExcitatoryTauMs);
            double k1 = Dv(v0, g0, 0), k2 = Dv(v0 + h / 2 * k1, gMid, 0), k3 = Dv(v0 + h / 2 * k2, gMid, 0), k4 = Dv(v0 + h * k3, gEnd, 0);
            return v0 + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }

        while (t < endMs)
        {
            while (arrivals.Count > 0 && arrivals.Peek() <= t)
            {
                arrivals.Dequeue();
                ge += weightNs;
            }

            double next = Math.Min(t + H, endMs);
            if (arrivals.Count > 0)
            {
                next = Math.Min(next, arrivals.Peek());
            }

            if (refractoryUntil > t)
            {
                next = Math.Min(next, refractoryUntil);
            }

            double h = next - t;
            if (t >= refractoryUntil)
            {
                double vNew = Step(v, ge, h);
                if (vNew >= p.ThresholdMv)
                {
                    double lo = 0, hi = h;
                    for (int i = 0; i < 60; i++)
                    {
                        double mid = 0.5 * (lo + hi);
                        if (Step(v, ge, mid) >= p.ThresholdMv)
                        {
                            hi = mid;
                        }
                        else
                        {
                            lo = mid;
                        }
                    }

                    spikes.Add(t + hi);
                    refractoryUntil = t + hi + p.RefractoryMs;
                    ge *= Math.Exp(-hi / p.Synapses.ExcitatoryTauMs);
                    v = p.ResetMv;
                    t += hi;
                    continue;
                }

                v = vNew;
            }

            ge *= Math.Exp(-h / p.Synapses.ExcitatoryTauMs);
            t = next;
        }

        return spikes;
    }

    private static List<double> Engine(LifCondExp p, double weightNs, double endMs)
    {
        var net = new NetworkBuilder()
            .AddPopulation("in", 1, new SpikeTimesSource([s_input]))
            .AddPopulation("n", 1, p)
            .Connect("in", "n", Connectivity.OneToOne(), weightNs, 1.0, "excitatory")
            .Build();
        (double[] times, int[] neurons) = TestNetworks.Run(net, endMs);
        return times.Where((_, k) => neurons[k] == 1).ToList();
    }

    [Fact]
    public void Spike_times_match_a_fine_rk4_reference_and_converge_at_second_order()
    {
        var coarse = LifCondExp.Default with { StepMs = 0.1, RefractoryMs = 2 };
        List<double> reference = Reference(coarse, 40, 40);
        Assert.True(reference.Count >= 4, $"reference fired {reference.Count} times");

        double Error(double step)
        {
            List<double> spikes = Engine(coarse with { StepMs = step }, 40, 40);
            Assert.Equal(reference.Count, spikes.Count);
            return spikes.Zip(reference).Max(x => Math.Abs(x.First - x.Second));
        }

        double e1 = Error(0.1), e2 = Error(0.05), e3 = Error(0.025);
        Assert.True(e1 < 0.02, $"error at h = 0.1 ms: {e1} ms");
        Assert.True(e2 < e1 / 2.5 && e3 < e2 / 2.5, $"not second order: {e1}, {e2}, {e3}");
    }

    [Fact]
    public void Constant_current_fires_at_the_closed_form_time()
    {
        // No synaptic input: C dV/dt = g_L(E_L − V) + I, so t = τm ln((V∞ − V_reset)/(V∞ − V_th)) with V∞ = E_L + I/g_L.
        // The scheme is exact for constant coefficients, so the spike time is exact to rounding.
        var p = LifCondExp.Default with { RefractoryMs = 0 };
        var net = new NetworkBuilder()
            .AddPopulation("n", 1, p, s => s.WithInitial("v_mv", Distribution.Constant(-60)))
            .InjectCurrent(CurrentInjection.Constant("n", 150))
            .Build();
        (double[] times, _) = TestNetworks.Run(net, 100);
        double vInf = -60 + 150 / 10.0;
        double expected = 20 * Math.Log((vInf + 60) / (vInf + 50));
        Assert.Equal(expected, times[0], 1e-9);
        Assert.Equal(2 * expected, times[1], 1e-9);
    }

    [Fact]
    public void A_current_switched_on_and_changed_mid_run_fires_at_the_closed_form_times()
    {
        // At rest (E_L = −60 mV) until 50 ms, then 150 pA: V∞ = −45 mV, so the first spike comes τm ln(15/5) after 50 ms
        // and the next as long after it (reset −60, no refractory period); from 150 ms 200 pA, V∞ = −40 mV, and the
        // interval is then τm ln(20/10) from the last spike's trajectory at 150 ms. Each step's constants depend on the
        // current: kept from one step to the next, they must be made again when it changes.
        var p = LifCondExp.Default with { RefractoryMs = 0 };
        var net = new NetworkBuilder()
            .AddPopulation("n", 1, p, s => s.WithInitial("v_mv", Distribution.Constant(-60)))
            .InjectCurrent(new CurrentInjection("n", [0, 50, 150], [0, 150, 200]))
            .Build();
        (double[] times, _) = TestNetworks.Run(net, 200);
        double interval = 20 * Math.Log(15.0 / 5);
        Assert.Equal(50 + interval, times[0], 1e-9);
        Assert.Equal(50 + (2 * interval), times[1], 1e-9);
        Assert.Equal(50 + (3 * interval), times[2], 1e-9);
        Assert.Equal(50 + (4 * interval), times[3], 1e-9); // 137.9 ms: the last spike under 150 pA
        double v150 = -45 - (15 * Math.Exp(-(150 - times[3]) / 20)); // V at the switch, then towards −40 mV
        double next = 150 + (20 * Math.Log((-40 - v150) / 10));
        Assert.Equal(next, times[4], 1e-9);
        Assert.Equal(next + (20 * Math.Log(20.0 / 10)), times[5], 1e-9);
    }

    [Fact]
    public void Float32_keeps_the_double_schemes_accuracy_and_differs_from_it_at_floats_rounding()
    {
        var p = LifCondExp.Default with { StepMs = 0.1, RefractoryMs = 2 };
        List<double> reference = Reference(p, 40, 40);
        List<double> inDouble = Engine(p, 40, 40), inFloat = Engine(p with { Precision = Precision.Binary32 }, 40, 40);
        Assert.Equal(reference.Count, inFloat.Count);
        double error = inFloat.Zip(reference).Max(x => Math.Abs(x.First - x.Second));
        double apart = inFloat.Zip(inDouble).Max(x => Math.Abs(x.First - x.Second));
        Assert.True(error < 0.02, $"float32 error at h = 0.1 ms: {error} ms");

        // V's rounding, ~4e-6 mV a step (2^-24 of 60 mV) for 400 steps, random-walks to ~1e-4 mV: at the slope of
        // these crossings (≥ 0.5 mV/ms) below 1e-3 ms. Not zero: the float path must not be double underneath.
        Assert.InRange(apart, 1e-9, 1e-3);
    }

    [Fact]
    public void Both_register_widths_give_the_same_spikes_in_both_precisions()
    {
        foreach (Precision precision in new[] { Precision.Binary64, Precision.Binary32 })
        {
            ulong Hash(bool wide)
            {
                // 4017: 3,213 excitatory neurons end in a partial last register at either width (5 of 8 lanes wide and 1 of 4
                // narrow in double, 13 of 16 and 5 of 8 in float32; the padding lanes never fire), 804 inhibitory ones fill
                // their last register at some widths and not at others.
                NetworkSpec coba = Networks.BenchmarkNetworks.Coba(seed: 1, neurons: 4017).Spec;
                coba = coba with { Populations = [.. coba.Populations.Select(x => x with { Model = ((LifCondExp)x.Model) with { Precision = precision, WideRegisters = wide } })] };
                using var sim = new SpikeCore.Running.Simulation(NetworkBuilder.FromSpec(coba).Build());
                sim.Run(200);
                Assert.True(sim.Statistics.Spikes > 1000, $"{sim.Statistics.Spikes} spikes");
                return sim.Statistics.SpikeHash;
            }

            Assert.Equal(Hash(true), Hash(false)); // (512-bit lanes run in software on a CPU without AVX-512: the same arithmetic)
        }
    }

    [Theory]
    [InlineData(Precision.Binary64)]
    [InlineData(Precision.Binary32)]
    public void A_dense_row_lands_as_the_same_synapses_split_into_scattered_rows_do(Precision precision)
    {
        // Dense rows (consecutive targets, as all-to-all projections have) are added in registers; rows of every other
        // target take the scalar loop. The same synapses, with their own weights, one projection or split in two by the
        // targets' parity, must give every neuron the same spikes to the bit (37 targets: a partial last register).
        const int Inputs = 5, Targets = 37;
        double Weight(int s, int t) => 1.5 + (((s * Targets) + t) % 11 * 0.35);
        double[][] trains = [.. Enumerable.Range(0, Inputs).Select(s => Enumerable.Range(1, 60).Select(k => (k * 3.7) + (s * 0.91) + (k * k % 7 * 0.13)).ToArray())];
        (double[] Times, int[] Neurons) Run(params int[][] targetSets)
        {
            var builder = new NetworkBuilder(1)
                .AddPopulation("in", Inputs, new SpikeTimesSource(trains))
                .AddPopulation("n", Targets, LifCondExp.Default with { Precision = precision });
            foreach (int[] set in targetSets)
            {
                (int S, int T)[] pairs = [.. Enumerable.Range(0, Inputs).SelectMany(s => set.Select(t => (s, t)))];
                builder.Connect("in", "n", Connectivity.Explicit(pairs.Select(x => x.S), pairs.Select(x => x.T)), Distribution.FromValues(pairs.Select(x => Weight(x.S, x.T))), 0.5, "excitatory");
            }

            return TestNetworks.Run(builder.Build(), 250);
        }

        (double[] times, int[] neurons) = Run(Enumerable.Range(0, Targets).ToArray());
        (double[] splitTimes, int[] splitNeurons) = Run([.. Enumerable.Range(0, Targets).Where(t => t % 2 == 0)], [.. Enumerable.Range(0, Targets).Where(t => t % 2 == 1)]);
        int firing = neurons.Where(j => j >= Inputs).Distinct().Count(); // ids 0-4 are the inputs
        Assert.True(neurons.Count(j => j >= Inputs) > 100 && firing == Targets, $"{neurons.Count(j => j >= Inputs)} spikes of {firing} neurons");
        Assert.Equal(times, splitTimes);
        Assert.Equal(neurons, splitNeurons);
    }

    [Fact]
    public void An_adaptive_threshold_lengthens_each_interval_as_the_closed_form_says()
    {
        // Constant drive, no refractory period: spike k (from 1) is reached from V_reset = −60 with the threshold
        // V_th + (k − 1) θ+, so t_k − t_(k−1) = τm ln((V∞ − V_reset)/(V∞ − V_th − (k − 1) θ+)), V∞ = E_L + I/g_L = −45.
        var p = LifCondExp.Default with { RefractoryMs = 0, ThresholdIncrementMv = 0.5, ThresholdTauMs = 1e15 };
        var net = new NetworkBuilder()
            .AddPopulation("n", 1, p, s => s.WithInitial("v_mv", Distribution.Constant(-60)))
            .InjectCurrent(CurrentInjection.Constant("n", 150))
            .Build();
        (double[] times, _) = TestNetworks.Run(net, 200);
        double expected = 0;
        for (int k = 0; k < 4; k++)
        {
            expected += 20 * Math.Log(15 / (-45 - (-50 + (0.5 * k))));
            Assert.Equal(expected, times[k], 1e-9);
        }
    }

    [Theory]
    [InlineData(Precision.Binary64, 1e-9)]
    [InlineData(Precision.Binary32, 2.5e-3)]
    public void Each_neurons_own_threshold_adaptation_sets_its_first_spike_at_the_closed_form_time(Precision precision, double toleranceMs)
    {
        // θ_j = 0.2 j mV held (τθ = 1e15 ms), constant drive to V∞ = −45 from V = −60: neuron j first crosses V_th + θ_j
        // = −50 + 0.2 j at τm ln((V∞ − V_0)/(V∞ − V_th − θ_j)). The thresholds V_th + θ are rebuilt every step from θ, in
        // registers (float32: two of double θ narrowed to one of float thresholds): a lane taking another's θ fires at
        // another neuron's time (0.2 mV apart: about 0.8 ms). 21 neurons: registers and the scalar rest. The float32 bound:
        // e^(−h/τm) rounded to float (relative 6e-8) over the 220 steps to t ≈ 22 ms moves V − V∞ = −15 mV by at most
        // 2e-4 mV, V's own rounding (half an ulp, 1.9e-6 mV) by at most 4.2e-4 mV, and V rises at 0.25 mV/ms there.
        var p = LifCondExp.Default with { ThresholdIncrementMv = 0.5, ThresholdTauMs = 1e15, Precision = precision };
        var net = new NetworkBuilder()
            .AddPopulation("n", 21, p, s => s.WithInitial("v_mv", Distribution.Constant(-60)).WithInitial("theta_mv", Distribution.FromValues(Enumerable.Range(0, 21).Select(j => 0.2 * j))))
            .InjectCurrent(CurrentInjection.Constant("n", 150))
            .Build();
        (double[] times, int[] neurons) = TestNetworks.Run(net, 100);
        for (int j = 0; j < 21; j++)
        {
            Assert.Equal(20 * Math.Log(15 / (-45 - (-50 + (0.2 * j)))), times[Array.IndexOf(neurons, j)], toleranceMs);
        }
    }

    [Fact]
    public void The_threshold_adaptation_decays_stepwise_with_its_time_constant()
    {
        // No input: θ(0) = 5 mV decays by e^(−h/τθ) at the start of each of the 1,000 steps that end by t = 100 ms
        // (the run goes past 100 ms, so the tick at 100 ms comes before the sample there).
        var p = LifCondExp.Default with { ThresholdTauMs = 10 };
        // 21 neurons: registers and the scalar rest.
        var net = new NetworkBuilder().AddPopulation("n", 21, p, s => s.WithInitial("theta_mv", Distribution.Constant(5))).Build();
        using var sim = new SpikeCore.Running.Simulation(net);
        var theta = sim.RecordState("n", [2, 13, 20], "theta_mv", 100);
        sim.Run(100.05);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(5.0, theta.Trace(k)[0]);
            Assert.Equal(5 * Math.Pow(Math.Exp(-0.1 / 10), 1000), theta.Trace(k)[1], 1e-12);
        }
    }

    [Theory]
    [InlineData(Precision.Binary64)]
    [InlineData(Precision.Binary32)]
    public void One_step_lands_within_the_pade_bound_of_the_frozen_solution_and_on_it_beyond_the_domain(Precision precision)
    {
        // One step from V = −60 mV with g_e(0) = g0 and no other input: the frozen-coefficient solution is
        // V∞ + (V − V∞) e^z with G = g_L h + g0 τ(1 − e^(−h/τ)), V∞ = (g_L E_L h + E_e (G − g_L h))/G, z = −G/C. Up to
        // G = C/2 the step takes e^z by its (2,2) Padé approximant, whose error is about |z|⁵/720 (the leading term of
        // the remainder, above the true error for |z| ≤ 1/2); beyond, by the exact exponential. Nine neurons fill a
        // register of eight and a padded one.
        double[] g0 = [0, 100, 300, 600, 900, 1000, 1020, 2000, 5000];
        var p = LifCondExp.Default with { ThresholdMv = 20, Precision = precision }; // V∞ ≤ E_e = 0 mV: no spike
        var net = new NetworkBuilder().AddPopulation("n", g0.Length, p, s => s
            .WithInitial("v_mv", Distribution.Constant(-60))
            .WithInitial("g_exc_ns", Distribution.FromValues(g0))).Build();
        using var sim = new SpikeCore.Running.Simulation(net);
        var v = sim.RecordState("n", [.. Enumerable.Range(0, g0.Length)], "v_mv", p.StepMs);
        sim.Run(2 * p.StepMs); // samples at 0, h and 2h; the second is read
        double h = p.StepMs, tau = p.Synapses.ExcitatoryTauMs, c = p.CapacitancePf;
        double rounding = precision == Precision.Binary32 ? 60 * 4e-7 : 60 * 1e-14; // a few of V's ulp
        for (int j = 0; j < g0.Length; j++)
        {
            double g = (p.LeakConductanceNs * h) + (g0[j] * tau * (1 - Math.Exp(-h / tau)));
            double vInf = ((p.LeakConductanceNs * p.RestMv * h) + (p.Synapses.ExcitatoryReversalMv * (g - (p.LeakConductanceNs * h)))) / g;
            double z = -g / c, exact = vInf + ((-60 - vInf) * Math.Exp(z));
            double error = Math.Abs(v.Trace(j)[1] - exact);
            if (g <= c / 2)
            {
                Assert.True(error <= (Math.Pow(-z, 5) / 720 * Math.Abs(-60 - vInf)) + rounding, $"g0 = {g0[j]} nS, z = {z}: {error} mV");
            }
            else
            {
                Assert.True(error <= rounding, $"g0 = {g0[j]} nS beyond the domain, z = {z}: {error} mV");
            }
        }
    }

    [Fact]
    public void A_silent_neurons_conductances_decay_as_the_closed_form_says_and_then_to_exactly_zero()
    {
        // τe = 1 ms at h = 0.5 ms: X·e^(−1/2) each step. Exact stepping would stop at the smallest subnormal
        // (4.9e−324 · 0.61 rounds back to it), where every later step costs a slow subnormal multiply; every 256th step
        // sets subnormal conductances to zero, keeping the sign of normal ones (COBA starts with negative g_i). Nine
        // neurons: a whole register and the padded last one.
        var p = LifCondExp.Default with { StepMs = 0.5, Synapses = ConductanceSynapses.Default with { ExcitatoryTauMs = 1, InhibitoryTauMs = 2 } };
        var net = new NetworkBuilder().AddPopulation("n", 9, p, s => s
            .WithInitial("g_exc_ns", Distribution.Constant(10))
            .WithInitial("g_inh_ns", Distribution.Constant(-3))).Build();
        using var sim = new SpikeCore.Running.Simulation(net);
        var ge = sim.RecordState("n", [0, 8], "g_exc_ns", 100);
        var gi = sim.RecordState("n", [0, 8], "g_inh_ns", 100);
        sim.Run(2000.25);
        for (int neuron = 0; neuron < 2; neuron++)
        {
            Assert.Equal(10 * Math.Exp(-100), ge.Trace(neuron)[1], 10 * Math.Exp(-100) * 1e-12);
            Assert.Equal(-3 * Math.Exp(-100 / 2.0), gi.Trace(neuron)[1], 3 * Math.Exp(-50) * 1e-12);
            Assert.Equal(0.0, ge.Trace(neuron)[10]); // 10 e^(−1000) ≈ 5e−434: below every double
            Assert.Equal(0.0, gi.Trace(neuron)[20]); // −3 e^(−1000)
        }
    }

    [Theory]
    [InlineData(0, Precision.Binary64)]
    [InlineData(3, Precision.Binary64)]
    [InlineData(0, Precision.Binary32)]
    [InlineData(3, Precision.Binary32)]
    public void Neurons_left_at_rest_between_sparse_inputs_and_current_steps_take_the_same_values_as_neurons_stepped_throughout(double thetaPlusMv, Precision precision)
    {
        // Registers found at rest (conductances too small to move the step's coefficients, V and V∞ below threshold) skip
        // steps until an input or a current change and then take them at once. The same network with the skipping off
        // (the reference) must agree to the bit: spikes, V and both conductances. Inputs 0.5-4 s apart, excitation that
        // fires, inhibition, current steps while at rest, a current that fires every neuron into a refractory period long
        // enough to be mistaken for rest (V held at reset), inputs as scattered synapses and as a dense row; with fixed
        // thresholds and with adaptive ones (θ relaxing over 2 s between spikes).
        var p = LifCondExp.Default with
        {
            StepMs = 0.5, CapacitancePf = 10, LeakConductanceNs = 1, RestMv = -60, ResetMv = -45, ThresholdMv = -40, RefractoryMs = 300,
            Synapses = ConductanceSynapses.Default with { ExcitatoryTauMs = 1, InhibitoryTauMs = 2, InhibitoryReversalMv = -85 },
            ThresholdIncrementMv = thetaPlusMv, ThresholdTauMs = 2000, Precision = precision,
        };
        double[][] times = [[5, 2000, 2000.3, 4500, 8000], [1500, 4400, 9000], [5500, 9500]];
        var network = new NetworkBuilder().AddPopulation("in", 3, new SpikeTimesSource(times))
            .AddPopulation("a", 21, p)
            .Connect("in", "a", Connectivity.Explicit([0, 0, 0], [2, 9, 20]), 30, 0.5, "excitatory")
            .Connect("in", "a", Connectivity.Explicit([1, 1], [9, 17]), 5, 0.5, "inhibitory")
            .Connect("in", "a", Connectivity.Explicit(Enumerable.Repeat(2, 16), Enumerable.Range(3, 16)), 20, 0.5, "excitatory") // a dense row
            .InjectCurrent(new CurrentInjection("a", [0, 3000, 3000.2, 6000, 7000, 7800], [0, 2, 0.5, 0, 30, 0]))
            .Build();
        int[] all = [.. Enumerable.Range(0, 21)];
        (SpikeCore.Running.Simulation Sim, SpikeCore.Recording.StateRecorder[] States) Run(bool rest)
        {
            (LifCondExpRuntime<double>.NoRest, LifCondExpRuntime<float>.NoRest) = (!rest, !rest);
            try
            {
                var sim = new SpikeCore.Running.Simulation(network);
                // Samples far apart (a sample brings a resting register up to date): resting registers skip up to 500 steps.
                SpikeCore.Recording.StateRecorder[] states = [sim.RecordState("a", all, "v_mv", 250), sim.RecordState("a", all, "g_exc_ns", 1000.5), sim.RecordState("a", all, "g_inh_ns", 1000.5)];
                sim.Run(10_000);
                return (sim, states);
            }
            finally
            {
                (LifCondExpRuntime<double>.NoRest, LifCondExpRuntime<float>.NoRest) = (false, false);
            }
        }

        (SpikeCore.Running.Simulation skipping, SpikeCore.Recording.StateRecorder[] a) = Run(rest: true);
        (SpikeCore.Running.Simulation stepped, SpikeCore.Recording.StateRecorder[] b) = Run(rest: false);
        using (skipping)
        using (stepped)
        {
            Assert.Equal(stepped.Spikes!.TimesMs().Zip(stepped.Spikes.Neurons()), skipping.Spikes!.TimesMs().Zip(skipping.Spikes.Neurons()));
            Assert.True(skipping.Statistics.Spikes >= 3 + 5 + 21 + 6, $"{skipping.Statistics.Spikes} spikes");
            for (int v = 0; v < a.Length; v++)
            {
                for (int j = 0; j < 21; j++)
                {
                    Assert.True(b[v].Trace(j).Select(BitConverter.DoubleToInt64Bits).SequenceEqual(a[v].Trace(j).Select(BitConverter.DoubleToInt64Bits)), $"variable {v} of neuron {j}");
                }
            }

            Assert.NotEqual(a[0].Trace(0)[11], a[0].Trace(0)[13]); // the current moves resting neurons (2.75 s to 3.25 s)
        }
    }

    [Theory]
    [InlineData(13, true)]
    [InlineData(13, false)]
    [InlineData(19, true)]
    [InlineData(19, false)]
    public void A_conductance_that_overflows_is_named_by_its_neuron_in_any_register(int neuron, bool wide)
    {
        // Float: two inputs of 3e38 nS overflow g_e to +inf. 21 neurons: neuron 13 inside a whole register at either width
        // (16 or 8 lanes), neuron 19 in the last, partial one; neuron 3 also gets ordinary inputs.
        var p = LifCondExp.Default with { Precision = Precision.Binary32, WideRegisters = wide };
        var net = new NetworkBuilder()
            .AddPopulation("in", 1, new SpikeTimesSource([[1.0, 1.2]]))
            .AddPopulation("n", 21, p)
            .Connect("in", "n", Connectivity.Explicit([0], [3]), 10, 0.1, "excitatory")
            .Connect("in", "n", Connectivity.Explicit([0, 0], [neuron, neuron]), 3e38, 0.1, "excitatory")
            .Build();
        using var sim = new SpikeCore.Running.Simulation(net);
        var e = Assert.Throws<SpikeCore.Running.NonFiniteStateException>(() => sim.Run(5));
        Assert.Contains($"population 'n' neuron {neuron}: the state became non-finite", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_conductance_weights_and_short_delays_are_rejected()
    {
        var e = Assert.Throws<NetworkValidationException>(() => new NetworkBuilder()
            .AddPopulation("a", 2, LifCondExp.Default)
            .Connect("a", "a", Connectivity.AllToAll(), -1, 0.05, "inhibitory")
            .WithDelayResolution(0.01)
            .Build());
        Assert.Contains(e.Errors, m => m.Contains("weight") && m.Contains(">= 0"));
        Assert.Contains(e.Errors, m => m.Contains("delay_ms") && m.Contains("step 0.1 ms"));
    }
}
