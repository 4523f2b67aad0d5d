using System.Runtime.Intrinsics;
using SpikeCore.Building;
using SpikeCore.Models.Neurons.Channels;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Serialization;
using SpikeCore.Models.Sources;

namespace SpikeCore.Models.Tests.Neurons;

public class HodgkinHuxleyTests
{
    /// <summary>Spike times of one squid axon under a current step of <paramref name="current"/> µA/cm² from t = 0.</summary>
    private static double[] Engine(HodgkinHuxley p, double current, double endMs, int neurons = 1)
    {
        var net = new NetworkBuilder()
            .AddPopulation("n", neurons, p)
            .InjectCurrent(CurrentInjection.Constant("n", current))
            .Build();
        return TestNetworks.Run(net, endMs).Times;
    }

    [Fact]
    public void Rates_take_their_limits_at_the_removable_singularities()
    {
        GateRates at40 = SquidKinetics.Rates(Vector256.Create(-40.0), Vector256<double>.Zero);
        GateRates at55 = SquidKinetics.Rates(Vector256.Create(-55.0), Vector256<double>.Zero);
        Assert.Equal(1.0, at40.AlphaM[0], 1e-15); // 0.1 · 10
        Assert.Equal(0.1, at55.AlphaN[0], 1e-15); // 0.01 · 10
        foreach (double dv in new[] { 1e-2, 1e-3, 1e-5, 1e-9 })
        {
            // Near the singularity α_m = u/(1 − e^(−u)) with u = dv/10, whose Taylor series 1 + u/2 + u²/12 is exact
            // to u⁴/720: an independent value on both sides of the switch between the direct formula and the series.
            double u = dv / 10;
            GateRates near = SquidKinetics.Rates(Vector256.Create(-40.0 + dv), Vector256<double>.Zero);
            Assert.Equal(1 + (u / 2) + (u * u / 12), near.AlphaM[0], 1e-10);
        }

        GateRates tm = TraubMilesKinetics.Rates(Vector256.Create(-50.0), Vector256.Create(-63.0)); // u = 13: α_m's singularity
        Assert.Equal(1.28, tm.AlphaM[0], 1e-15);
    }

    [Fact]
    public void Rk4_spike_times_match_a_fine_reference()
    {
        List<double> reference = HhReference.SpikeTimes(10, 200, inputs: []);
        double[] spikes = Engine(HodgkinHuxley.Default, 10, 200);
        Assert.Equal(reference.Count, spikes.Length);
        double error = spikes.Zip(reference).Max(x => Math.Abs(x.First - x.Second));
        Assert.True(error < 2e-4, $"largest spike-time error {error} ms over {spikes.Length} spikes");
    }

    [Fact]
    public void Exponential_euler_converges_to_the_reference_at_first_order()
    {
        List<double> reference = HhReference.SpikeTimes(10, 100, inputs: []);
        double Error(double step)
        {
            double[] spikes = Engine(HodgkinHuxley.Default with { Scheme = HhScheme.ExponentialEuler, StepMs = step }, 10, 100);
            Assert.Equal(reference.Count, spikes.Length);
            return spikes.Zip(reference).Max(x => Math.Abs(x.First - x.Second));
        }

        double e1 = Error(0.01), e2 = Error(0.005), e3 = Error(0.0025);
        Assert.True(e1 < 0.5, $"error at h = 0.01 ms: {e1} ms");
        Assert.InRange(e1 / e2, 1.7, 2.3);
        Assert.InRange(e2 / e3, 1.7, 2.3);
    }

    [Fact]
    public void Halving_the_step_moves_spike_times_by_less_than_a_hundredth_of_a_ms_over_a_second()
    {
        double[] a = Engine(HodgkinHuxley.Default, 10, 1000);
        double[] b = Engine(HodgkinHuxley.Default with { StepMs = 0.005 }, 10, 1000);
        Assert.Equal(a.Length, b.Length);
        Assert.True(a.Length > 50, $"{a.Length} spikes");
        double error = a.Zip(b).Max(x => Math.Abs(x.First - x.Second));
        Assert.True(error < 0.01, $"largest change {error} ms");
    }

    [Fact]
    public void Synaptic_inputs_act_at_their_exact_arrival_times()
    {
        // Conductance pulses arriving off the step grid; the reference integrates with steps that land on every arrival.
        double[] arrivals = [3.337, 3.9, 5.0041, 17.77, 18.123, 30.5, 30.505, 31.2];
        var net = new NetworkBuilder().WithDelayResolution(0.01)
            .AddPopulation("in", 1, new SpikeTimesSource([arrivals.Select(t => t - 1).ToArray()]))
            .AddPopulation("n", 1, HodgkinHuxley.Default)
            .Connect("in", "n", Connectivity.OneToOne(), 1.5, 1.0, "excitatory")
            .Build();
        (double[] times, int[] neurons) = TestNetworks.Run(net, 60);
        double[] spikes = times.Where((_, k) => neurons[k] == 1).ToArray();
        List<double> reference = HhReference.SpikeTimes(0, 60, arrivals.Select(t => (t, 1.5)).ToArray());
        Assert.True(reference.Count >= 2, $"reference fired {reference.Count} times");
        Assert.Equal(reference.Count, spikes.Length);
        double error = spikes.Zip(reference).Max(x => Math.Abs(x.First - x.Second));
        Assert.True(error < 2e-4, $"largest spike-time error {error} ms");
    }

    [Fact]
    public void Repetitive_firing_starts_near_6_3_uA_per_cm2_at_a_finite_rate_and_rises_until_depolarisation_block()
    {
        // Steady-state rate: spikes in [200, 1200) ms after the step. Class 2 (subcritical Hopf): no firing at 6.0,
        // a rate near 50 Hz at onset, monotonic up to 50 µA/cm², none left at very large currents.
        double Rate(double current) => Engine(HodgkinHuxley.Default with { StepMs = 0.02 }, current, 1200).Count(t => t >= 200);
        Assert.Equal(0, Rate(6.0));
        double onset = Rate(6.4);
        Assert.InRange(onset, 45, 75);
        double[] currents = [6.4, 8, 10, 15, 20, 30, 40, 50];
        double[] rates = currents.Select(Rate).ToArray();
        for (int k = 1; k < rates.Length; k++)
        {
            Assert.True(rates[k] > rates[k - 1], $"rate not rising: {string.Join(", ", rates)} Hz at {string.Join(", ", currents)}");
        }

        Assert.Equal(0, Rate(500));
    }

    [Fact]
    public void Populations_of_any_size_step_every_neuron_alike()
    {
        // 7 neurons (two vectors, three padding lanes) under one current: seven identical trains equal to the 1-neuron run.
        double[] one = Engine(HodgkinHuxley.Default, 12, 100);
        double[] seven = Engine(HodgkinHuxley.Default, 12, 100, neurons: 7);
        Assert.Equal(7 * one.Length, seven.Length);
        Assert.All(seven.Chunk(7).Zip(one), x => Assert.All(x.First, t => Assert.Equal(x.Second, t)));
    }

    [Fact]
    public void Invalid_parameters_are_named()
    {
        var e = Assert.Throws<NetworkValidationException>(() => new NetworkBuilder()
            .AddPopulation("n", 1, HodgkinHuxley.Default with { CapacitanceUfPerCm2 = 0, StepMs = double.NaN, SodiumConductanceMsPerCm2 = -1 })
            .Build());
        Assert.Contains(e.Errors, m => m.Contains("capacitance_uf_per_cm2"));
        Assert.Contains(e.Errors, m => m.Contains("step_ms"));
        Assert.Contains(e.Errors, m => m.Contains("sodium_conductance_ms_per_cm2"));

        string json = NetworkFile.ToJson(SpikeCore.Networks.BenchmarkNetworks.Cobahh().Spec).Replace("\"exponential_euler\"", "\"euler\"", StringComparison.Ordinal);
        var f = Assert.Throws<NetworkValidationException>(() => NetworkFile.Parse(json, "cobahh.json"));
        Assert.Contains(f.Errors, m => m.EndsWith(".scheme: unknown scheme 'euler' (known: exponential_euler, rk4)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1e6)]
    [InlineData(-1e6)]
    [InlineData(double.PositiveInfinity)]
    public void Gate_rates_far_beyond_any_membrane_voltage_are_those_at_the_clamp_never_wrapped(double v)
    {
        // Unclamped, (V + 40)/10 = 10^5 overflows the fast exp's exponent bits into a wrong finite rate.
        double clamp = Math.Sign(v) * GateMath.VoltageLimitMv;
        foreach ((GateRates far, GateRates atClamp) in new[]
        {
            (SquidKinetics.Rates(Vector256.Create(v), Vector256<double>.Zero), SquidKinetics.Rates(Vector256.Create(clamp), Vector256<double>.Zero)),
            (TraubMilesKinetics.Rates(Vector256.Create(v), Vector256.Create(-63.0)), TraubMilesKinetics.Rates(Vector256.Create(clamp - 63), Vector256.Create(-63.0))),
        })
        {
            Assert.Equal(atClamp, far);
            foreach (Vector256<double> rate in new[] { far.AlphaM, far.BetaM, far.AlphaH, far.BetaH, far.AlphaN, far.BetaN })
            {
                Assert.True(double.IsFinite(rate.GetElement(0)) && rate.GetElement(0) >= 0, $"rate {rate.GetElement(0)} at V = {v}");
            }
        }

        GateRates nan = SquidKinetics.Rates(Vector256.Create(double.NaN), Vector256<double>.Zero);
        Assert.True(double.IsNaN(nan.BetaM.GetElement(0)) && double.IsNaN(nan.AlphaH.GetElement(0)));
    }
}
