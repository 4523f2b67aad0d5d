using SpikeCore.Building;
using SpikeCore.Models.Neurons.Memristive;
using SpikeCore.Models.Sources;

namespace SpikeCore.Models.Tests.Neurons;

public class ThresholdSwitchNeuronTests
{
    private static double[] Spikes(ThresholdSwitchNeuron p, double currentUa, double endMs)
    {
        var net = new NetworkBuilder().AddPopulation("n", 1, p).InjectCurrent(CurrentInjection.Constant("n", currentUa)).Build();
        return TestNetworks.Run(net, endMs).Times;
    }

    /// <summary>
    /// The two linear phases under a constant current I: OFF relaxes to I R_p with τ_off = R_p C, ON to
    /// V_on = I/g_on with τ_on = C/g_on, g_on = 1/R_p + 1/R_on.
    /// </summary>
    private static (double IR, double TauOff, double VOn, double TauOn) Phases(ThresholdSwitchNeuron p, double currentUa)
    {
        double gOn = (1 / p.ParallelResistanceMohm) + (1 / p.OnResistanceMohm);
        return (currentUa * p.ParallelResistanceMohm, p.ParallelResistanceMohm * p.CapacitanceNf, currentUa / gOn, p.CapacitanceNf / gOn);
    }

    [Fact]
    public void Constant_current_fires_at_the_closed_form_interval()
    {
        var p = new ThresholdSwitchNeuron();
        const double I = 0.1; // µA: I R_p = 1 V
        (double iR, double tauOff, double vOn, double tauOn) = Phases(p, I);
        double first = tauOff * Math.Log(iR / (iR - p.ThresholdV));
        double isi = (tauOff * Math.Log((iR - p.HoldV) / (iR - p.ThresholdV))) + (tauOn * Math.Log((p.ThresholdV - vOn) / (p.HoldV - vOn)));
        double[] t = Spikes(p, I, 100);
        Assert.True(t.Length > 10);
        for (int k = 0; k < t.Length; k++)
        {
            Assert.Equal(first + (k * isi), t[k], 1e-9);
        }
    }

    [Fact]
    public void Rheobase_is_threshold_over_parallel_resistance()
    {
        var p = new ThresholdSwitchNeuron();
        double rheobase = p.ThresholdV / p.ParallelResistanceMohm;
        Assert.Empty(Spikes(p, rheobase * 0.999, 2000));
        Assert.NotEmpty(Spikes(p, rheobase * 1.001, 2000));
    }

    [Fact]
    public void Switching_delays_make_intervals_random_and_longer()
    {
        double[] regular = Spikes(new ThresholdSwitchNeuron(), 0.1, 2000);
        double[] noisy = Spikes(new ThresholdSwitchNeuron { MeanSwitchingDelayMs = 2 }, 0.1, 2000);
        double[] isi = noisy.Zip(noisy.Skip(1), (a, b) => b - a).ToArray();
        double mean = isi.Average(), sd = Math.Sqrt(isi.Average(x => (x - mean) * (x - mean)));
        double regularIsi = regular[1] - regular[0];
        Assert.True(mean > regularIsi, $"mean ISI {mean} vs {regularIsi} without delay");
        Assert.True(sd / mean > 0.05, $"CV {sd / mean}");
    }

    [Fact]
    public void Input_pulses_integrate_and_leak()
    {
        // Pulses of 0.2 V every 1 ms against τ_off = 10 ms: V_n = 0.2 Σ e^(−k/10) crosses 0.5 V at the third pulse.
        var net = new NetworkBuilder().WithDelayResolution(0.5)
            .AddPopulation("in", 1, new SpikeTimesSource([[1.0, 2.0, 3.0, 4.0]]))
            .AddPopulation("n", 1, new ThresholdSwitchNeuron())
            .Connect("in", "n", Connectivity.OneToOne(), 0.2, 1.0, "input")
            .Build();
        (double[] times, int[] neurons) = TestNetworks.Run(net, 10);
        Assert.Equal([4.0], times.Where((_, k) => neurons[k] == 1));
    }

    [Fact]
    public void Inhibitory_pulses_pull_towards_the_rail_and_saturate_there()
    {
        // Excitation 0.3 V at 1 and 3 ms, an inhibitory pulse of w = 0.2 at 2 ms towards E_inh = −1 V:
        // V(2) = −1 + (0.3 e^(−0.1) + 1) e^(−0.2) = 0.041 V, V(3) = 0.041 e^(−0.1) + 0.3 = 0.337 V < V_th; without it 0.546 V fires.
        static double[] Spikes(double[] inhibitionMs, double inhibition, double[] excitationMs, double excitationV)
        {
            var net = new NetworkBuilder().WithDelayResolution(0.5)
                .AddPopulation("exc", 1, new SpikeTimesSource([excitationMs]))
                .AddPopulation("inh", 1, new SpikeTimesSource([inhibitionMs]))
                .AddPopulation("n", 1, new ThresholdSwitchNeuron())
                .Connect("exc", "n", Connectivity.AllToAll(), excitationV, 1.0, "input")
                .Connect("inh", "n", Connectivity.AllToAll(), inhibition, 1.0, "inhibitory")
                .Build();
            (double[] times, int[] neurons) = TestNetworks.Run(net, 100);
            return [.. times.Where((_, k) => neurons[k] == 2)];
        }

        Assert.Equal([3.0], Spikes([1.0], 1e-9, [0.0, 2.0], 0.3));
        Assert.Empty(Spikes([1.0], 0.2, [0.0, 2.0], 0.3));

        // Fifty strong pulses leave V at the rail, not 50 rail-widths below it: two 0.8 V inputs then fire at the second,
        // V = (−1 e^(−0.2) + 0.8) e^(−0.1) + 0.8 = 0.783 V (after the first, −0.019 V).
        Assert.Equal([54.0], Spikes([.. Enumerable.Range(1, 50).Select(k => (double)k)], 1, [52.0, 53.0], 0.8));
    }

    [Fact]
    public void A_non_decaying_adaptive_threshold_lengthens_each_interval_as_its_closed_form()
    {
        // θ rises by θ+ at each spike and (τ_θ = 10^300 ms) never decays: spike k + 1 comes when V climbs from V_hold to V_th + (k + 1) θ+,
        // after the ON phase discharged V from V_th + k θ+ to V_hold.
        var p = new ThresholdSwitchNeuron { ThresholdIncrementV = 0.02, ThresholdTauMs = 1e300 };
        const double I = 0.1;
        (double iR, double tauOff, double vOn, double tauOn) = Phases(p, I);
        double[] t = Spikes(p, I, 100);
        Assert.True(t.Length > 10);
        double expected = tauOff * Math.Log(iR / (iR - p.ThresholdV));
        for (int k = 0; k < t.Length; k++)
        {
            Assert.Equal(expected, t[k], 1e-9);
            double fired = p.ThresholdV + (k * p.ThresholdIncrementV), next = fired + p.ThresholdIncrementV;
            expected += (tauOn * Math.Log((fired - vOn) / (p.HoldV - vOn))) + (tauOff * Math.Log((iR - p.HoldV) / (iR - next)));
        }
    }

    [Fact]
    public void A_decaying_adaptive_threshold_is_crossed_exactly_and_never_earlier()
    {
        // τ_θ = 15 ms against τ_off = 10 ms: between spikes V and V_th + θ are both exponentials, known in closed form. At each
        // spike V must equal the threshold (to 1e-9 V), and on a dense grid before it V must stay below.
        var p = new ThresholdSwitchNeuron { ThresholdIncrementV = 0.3, ThresholdTauMs = 15 };
        const double I = 0.07;
        (double iR, double tauOff, double vOn, double tauOn) = Phases(p, I);
        double[] t = Spikes(p, I, 400);
        Assert.True(t.Length > 5, $"{t.Length} spikes");
        double start = 0, v0 = 0, theta = 0; // OFF phase from start with V = v0, θ = theta
        foreach (double spike in t)
        {
            double V(double s) => iR + ((v0 - iR) * Math.Exp(-s / tauOff));
            double Th(double s) => p.ThresholdV + (theta * Math.Exp(-s / p.ThresholdTauMs));
            double s1 = spike - start;
            Assert.Equal(Th(s1), V(s1), 1e-9);
            for (int i = 0; i < 10_000; i++)
            {
                double s = s1 * i / 10_000.0;
                Assert.True(V(s) < Th(s), $"V {V(s)} reached the threshold {Th(s)} at {start + s} ms, before the spike at {spike} ms");
            }

            double fired = V(s1), onMs = tauOn * Math.Log((fired - vOn) / (p.HoldV - vOn));
            theta = (theta * Math.Exp(-(s1 + onMs) / p.ThresholdTauMs)) + (p.ThresholdIncrementV * Math.Exp(-onMs / p.ThresholdTauMs));
            (start, v0) = (spike + onMs, p.HoldV);
        }
    }

    [Fact]
    public void Pulse_driven_adaptive_neuron_fires_exactly_where_a_hand_reference_does()
    {
        // No current: V only jumps at inputs and relaxes to 0, θ decays slower (τ_θ 30 ms against τ_off 10 ms), so a spike
        // can only come at an input that lifts V to V_th + θ. The reference walks the inputs with V and θ in closed form;
        // after a spike the switch discharges V to V_hold in τ_on ln(V/V_hold) (about 0.02 ms, shorter than any gap).
        var p = new ThresholdSwitchNeuron { ThresholdIncrementV = 0.05, ThresholdTauMs = 30 };
        var rng = new System.Random(3);
        double[] inputs = [.. Enumerable.Range(0, 400).Select(_ => Math.Round(rng.NextDouble() * 400, 1)).Distinct().Order()];
        var net = new NetworkBuilder().WithDelayResolution(0.1)
            .AddPopulation("in", 1, new SpikeTimesSource([inputs]))
            .AddPopulation("n", 1, p)
            .Connect("in", "n", Connectivity.OneToOne(), 0.15, 1.0, "input")
            .Build();
        (double[] times, int[] neurons) = TestNetworks.Run(net, 420);
        double[] got = [.. times.Where((_, k) => neurons[k] == 1)];

        (_, double tauOff, _, double tauOn) = Phases(p, 0);
        double v = 0, theta = 0, last = 0;
        var want = new List<double>();
        foreach (double input in inputs)
        {
            double t = input + 1.0, dt = t - last; // arrival after the 1 ms delay
            v = (v * Math.Exp(-dt / tauOff)) + 0.15;
            theta *= Math.Exp(-dt / p.ThresholdTauMs);
            last = t;
            if (v >= p.ThresholdV + theta)
            {
                want.Add(t);
                double on = tauOn * Math.Log(v / p.HoldV);
                theta = (theta + p.ThresholdIncrementV) * Math.Exp(-on / p.ThresholdTauMs);
                (v, last) = (p.HoldV, t + on);
            }
        }

        Assert.True(want.Count > 20, $"{want.Count} spikes");
        Assert.Equal(want.Count, got.Length);
        for (int k = 0; k < want.Count; k++)
        {
            Assert.Equal(want[k], got[k], 1e-9);
        }
    }

    [Fact]
    public void A_dense_input_row_lands_as_the_same_synapses_split_into_scattered_rows_do()
    {
        // Input rows onto consecutive switches run four at a time in registers; rows onto every other switch take the
        // scalar path. The same synapses, one projection or split in two by the targets' parity, must give every switch
        // the same spikes to the bit, with everything that sends a register back to the scalar path present: switches ON
        // (relaxing), pending stochastic switching delays, adaptive thresholds, and switches brought up to date at other
        // moments by inhibitory pulses onto a scattered third of them (37 targets: a partial last register).
        const int Inputs = 5, Targets = 37;
        double Weight(int s, int t) => 0.05 + (((s * Targets) + t) % 11 * 0.02);
        double[][] trains = [.. Enumerable.Range(0, Inputs).Select(s => Enumerable.Range(1, 60).Select(k => (k * 3.7) + (s * 0.91) + (k * k % 7 * 0.13)).ToArray())];
        var p = new ThresholdSwitchNeuron
        {
            RelaxationMs = 2, MeanSwitchingDelayMs = 0.1, ThresholdIncrementV = 0.05, ThresholdTauMs = 50, InhibitoryReversalV = -0.5,
        };
        (double[] Times, int[] Neurons) Run(params int[][] targetSets)
        {
            var builder = new NetworkBuilder(1).WithDelayResolution(0.5)
                .AddPopulation("in", Inputs, new SpikeTimesSource(trains))
                .AddPopulation("inh", 1, new SpikeTimesSource([[.. Enumerable.Range(1, 40).Select(k => (k * 5.3) + 0.2)]]))
                .AddPopulation("n", Targets, p);
            foreach (int[] set in targetSets)
            {
                (int S, int T)[] pairs = [.. Enumerable.Range(0, Inputs).SelectMany(s => set.Select(t => (s, t)))];
                builder.Connect("in", "n", Connectivity.Explicit(pairs.Select(x => x.S), pairs.Select(x => x.T)), Distribution.FromValues(pairs.Select(x => Weight(x.S, x.T))), 0.5, "input");
            }

            int[] inhibited = [.. Enumerable.Range(0, Targets).Where(t => t % 3 == 1)];
            builder.Connect("inh", "n", Connectivity.Explicit(inhibited.Select(_ => 0), inhibited), 0.3, 0.5, "inhibitory");
            return TestNetworks.Run(builder.Build(), 250);
        }

        (double[] times, int[] neurons) = Run(Enumerable.Range(0, Targets).ToArray());
        (double[] splitTimes, int[] splitNeurons) = Run([.. Enumerable.Range(0, Targets).Where(t => t % 2 == 0)], [.. Enumerable.Range(0, Targets).Where(t => t % 2 == 1)]);
        int firing = neurons.Where(j => j > Inputs).Distinct().Count(); // ids 0-4 the inputs, 5 the inhibitory source
        Assert.True(neurons.Count(j => j > Inputs) > 200 && firing == Targets, $"{neurons.Count(j => j > Inputs)} spikes of {firing} switches");
        Assert.Equal(times, splitTimes);
        Assert.Equal(neurons, splitNeurons);
    }

    [Fact]
    public void Relaxation_time_holds_the_switch_on_and_sets_the_interval()
    {
        // The switch stays ON for t_r = 2 ms (≫ τ_on): V discharges towards V_on = I/g_on, reaching
        // v_r = V_on + (V_th − V_on) e^(−t_r/τ_on) below V_hold; then OFF, V climbs from v_r to V_th.
        // ISI = t_r + τ_off ln((I R_p − v_r)/(I R_p − V_th)).
        var p = new ThresholdSwitchNeuron { RelaxationMs = 2 };
        const double I = 0.1;
        (double iR, double tauOff, double vOn, double tauOn) = Phases(p, I);
        double vr = vOn + ((p.ThresholdV - vOn) * Math.Exp(-p.RelaxationMs / tauOn));
        double first = tauOff * Math.Log(iR / (iR - p.ThresholdV)), isi = p.RelaxationMs + (tauOff * Math.Log((iR - vr) / (iR - p.ThresholdV)));
        double[] t = Spikes(p, I, 100);
        Assert.True(t.Length > 10);
        for (int k = 0; k < t.Length; k++)
        {
            Assert.Equal(first + (k * isi), t[k], 1e-9);
        }

        // An input during the relaxation is shunted: a pulse that would fire an OFF neuron at once does nothing then.
        var net = new NetworkBuilder().WithDelayResolution(0.5)
            .AddPopulation("in", 1, new SpikeTimesSource([[0.0, 1.0, 10.0]]))
            .AddPopulation("n", 1, new ThresholdSwitchNeuron { RelaxationMs = 5 })
            .Connect("in", "n", Connectivity.OneToOne(), 0.6, 1.0, "input")
            .Build();
        (double[] times, int[] neurons) = TestNetworks.Run(net, 20);
        Assert.Equal([1.0, 11.0], times.Where((_, k) => neurons[k] == 1));
    }
}
