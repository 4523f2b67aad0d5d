using SpikeCore.Building;
using SpikeCore.Models.Sources;
using SpikeCore.Models.Synapses;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests.Synapses;

public class TsodyksMarkramTests
{
    /// <summary>The efficacies one synapse delivers for a presynaptic train (arrivals = spikes + 1 ms).</summary>
    private static float[] Efficacies(TsodyksMarkram stp, double[] spikesMs, int targets = 1)
    {
        var net = new NetworkBuilder().WithDelayResolution(0.01)
            .AddPopulation("pre", 1, new SpikeTimesSource([spikesMs]))
            .AddPopulation("post", targets, new DeliveryProbe())
            .Connect("pre", "post", Connectivity.AllToAll(), 1.0, 1.0, "excitatory", stp)
            .Build();
        using var sim = new Simulation(net);
        sim.Run(spikesMs[^1] + 2);
        return DeliveryProbe.Log.Where(d => d.Neuron == 0).Select(d => d.Weight).ToArray();
    }

    /// <summary>The map of MODELS.md applied directly: A_n = u_n x_n for a unit weight.</summary>
    private static double[] Reference(double bigU, double tauRec, double tauFac, double[] spikesMs)
    {
        var a = new double[spikesMs.Length];
        double u = bigU, x = 1;
        for (int n = 0; n < spikesMs.Length; n++)
        {
            if (n > 0)
            {
                double d = spikesMs[n] - spikesMs[n - 1];
                x = 1 + (x - u * x - 1) * Math.Exp(-d / tauRec);
                u = tauFac == 0 ? bigU : bigU + u * (1 - bigU) * Math.Exp(-d / tauFac);
            }

            a[n] = u * x;
        }

        return a;
    }

    public static TheoryData<string, double, double> PairedPulse => new()
    {
        { "depressing", 20, 0.512 }, { "depressing", 50, 0.530 }, { "depressing", 100, 0.559 },
        { "depressing", 200, 0.611 }, { "depressing", 500, 0.732 }, { "depressing", 1000, 0.857 },
        { "facilitating", 20, 1.884 }, { "facilitating", 50, 1.844 }, { "facilitating", 100, 1.778 },
        { "facilitating", 200, 1.654 }, { "facilitating", 500, 1.377 }, { "facilitating", 1000, 1.147 },
    };

    private static TsodyksMarkram Preset(string name) => name == "depressing" ? TsodyksMarkram.Depressing : TsodyksMarkram.Facilitating;

    [Theory]
    [MemberData(nameof(PairedPulse))]
    public void Paired_pulse_ratio_matches_models_md(string preset, double intervalMs, double expected)
    {
        float[] a = Efficacies(Preset(preset), [5, 5 + intervalMs]);
        Assert.Equal(2, a.Length);
        Assert.Equal(expected, a[1] / a[0], 1e-3);
    }

    [Theory]
    [InlineData("depressing", 0.115)]
    [InlineData("facilitating", 4.58)]
    public void Tenth_spike_of_a_20_hz_train_matches_models_md(string preset, double expected)
    {
        double[] train = Enumerable.Range(0, 10).Select(k => 10 + 50.0 * k).ToArray();
        float[] a = Efficacies(Preset(preset), train);
        Assert.Equal(expected, a[9] / a[0], 5e-3 * expected); // MODELS.md gives three digits
    }

    [Fact]
    public void Every_maass_preset_follows_the_event_map_over_an_irregular_train()
    {
        double[] train = [3, 4.5, 9, 30, 31, 90, 400, 401.25, 402.5, 1500];
        foreach ((TsodyksMarkram stp, double u, double rec, double fac) in new[]
        {
            (TsodyksMarkram.MaassEE, 0.5, 1100.0, 50.0), (TsodyksMarkram.MaassEI, 0.05, 125.0, 1200.0),
            (TsodyksMarkram.MaassIE, 0.25, 700.0, 20.0), (TsodyksMarkram.MaassII, 0.32, 144.0, 60.0),
        })
        {
            float[] a = Efficacies(stp, train, targets: 3);
            double[] expected = Reference(u, rec, fac, train);
            Assert.Equal(expected.Length, a.Length);
            for (int n = 0; n < a.Length; n++)
            {
                Assert.Equal(expected[n], a[n], 1e-6);
            }
        }
    }

    [Fact]
    public void Parameters_per_synapse_follow_each_synapses_own_map()
    {
        double[] train = [2, 12, 22, 32, 132, 140];
        // Seven synapses: one AVX vector of four and a scalar tail of three.
        double[] us = [0.1, 0.5, 0.9, 0.03, 0.25, 0.6, 1.0], recs = [50, 200, 800, 130, 700, 20, 1000], facs = [0, 100, 1000, 530, 20, 0, 60];
        var stp = new TsodyksMarkram
        {
            U = Distribution.FromValues(us),
            RecoveryTauMs = Distribution.FromValues(recs),
            FacilitationTauMs = Distribution.FromValues(facs),
        };
        var net = new NetworkBuilder().WithDelayResolution(0.01)
            .AddPopulation("pre", 1, new SpikeTimesSource([train]))
            .AddPopulation("post", 7, new DeliveryProbe())
            .Connect("pre", "post", Connectivity.AllToAll(), 2.0, 1.0, "excitatory", stp)
            .Build();
        using var sim = new Simulation(net);
        sim.Run(200);
        for (int j = 0; j < 7; j++)
        {
            float[] a = DeliveryProbe.Log.Where(d => d.Neuron == j).Select(d => d.Weight).ToArray();
            double[] expected = Reference(us[j], recs[j], facs[j], train);
            Assert.Equal(expected.Length, a.Length);
            for (int n = 0; n < a.Length; n++)
            {
                Assert.Equal(2 * expected[n], a[n], 2e-6);
            }
        }
    }

    [Fact]
    public void Invalid_parameters_are_named()
    {
        var e = Assert.Throws<NetworkValidationException>(() => new NetworkBuilder()
            .AddPopulation("a", 2, new DeliveryProbe())
            .Connect("a", "a", Connectivity.AllToAll(), 1.0, 1.0, "excitatory",
                new TsodyksMarkram { U = 1.5, RecoveryTauMs = 0, FacilitationTauMs = -1 })
            .Build());
        Assert.Contains(e.Errors, m => m.Contains("synapse.tsodyks_markram.u: must be at most 1", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.Contains("synapse.tsodyks_markram.recovery_tau_ms: must be > 0", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.Contains("synapse.tsodyks_markram.facilitation_tau_ms: must be >= 0", StringComparison.Ordinal));
    }
}
