using SpikeCore.Building;
using SpikeCore.Models.Neurons;

namespace SpikeCore.Models.Tests.Neurons;

public class LifExpTests
{
    private static readonly LifExp s_model = new()
    {
        MembraneTauMs = 20,
        ExcitatoryTauMs = 5,
        InhibitoryTauMs = 10,
        RestMv = -65,
        ThresholdMv = -50,
        ResetMv = -70,
        RefractoryMs = 2,
    };

    [Theory]
    [InlineData(20.0)]
    [InlineData(16.0)]
    [InlineData(45.5)]
    public void Constant_drive_fires_at_the_closed_form_times(double driveMv)
    {
        var net = new NetworkBuilder()
            .AddPopulation("n", 1, s_model, p => p.WithInitial("v_mv", Distribution.Constant(s_model.ResetMv)))
            .InjectCurrent(CurrentInjection.Constant("n", driveMv))
            .Build();

        (double[] times, _) = TestNetworks.Run(net, 500);

        // t = τm ln((I + E_L − V_reset)/(I + E_L − V_th)); each later spike adds t_ref and the same interval.
        double interval = s_model.MembraneTauMs * Math.Log((driveMv + s_model.RestMv - s_model.ResetMv) / (driveMv + s_model.RestMv - s_model.ThresholdMv));
        Assert.True(times.Length >= 3);
        for (int k = 0; k < times.Length; k++)
        {
            double expected = interval + k * (interval + s_model.RefractoryMs);
            Assert.Equal(expected, times[k], 1e-9);
        }
    }

    [Fact]
    public void Subthreshold_drive_never_fires()
    {
        var net = new NetworkBuilder()
            .AddPopulation("n", 3, s_model)
            .InjectCurrent(CurrentInjection.Constant("n", 14.999))
            .Build();
        Assert.Empty(TestNetworks.Run(net, 2000).Times);
    }

    [Fact]
    public void Voltage_synapse_jumps_the_membrane_and_fires_at_the_arrival_time()
    {
        // A delta input of 16 mV onto a neuron at rest (−65) crosses −50 at once: the spike is at the arrival time.
        var net = new NetworkBuilder()
            .AddPopulation("in", 1, new SpikeCore.Models.Sources.SpikeTimesSource([[10.0]]))
            .AddPopulation("n", 1, s_model)
            .Connect("in", "n", Connectivity.OneToOne(), 16, 1.5, "voltage")
            .Build();
        (double[] times, int[] neurons) = TestNetworks.Run(net, 50);
        Assert.Equal([10.0, 11.5], times);
        Assert.Equal([0, 1], neurons);
    }

    [Fact]
    public void Excitatory_current_input_follows_the_closed_form_psp()
    {
        // One input of w = 2 mV at t0: V(t) = E_L + w k (e^(−s/τe) − e^(−s/τm)), k = τe/(τe − τm).
        var net = new NetworkBuilder()
            .AddPopulation("in", 1, new SpikeCore.Models.Sources.SpikeTimesSource([[5.0]]))
            .AddPopulation("n", 1, s_model)
            .Connect("in", "n", Connectivity.OneToOne(), 2, 1.0, "excitatory")
            .Build();
        using var sim = new SpikeCore.Running.Simulation(net);
        var trace = sim.RecordState("n", [0], "v_mv", 0.5);
        sim.Run(60);
        double k = 5.0 / (5.0 - 20.0);
        for (int i = 0; i < trace.SampleCount; i++)
        {
            double s = trace.TimesMs[i] - 6.0;
            double expected = s <= 0 ? -65 : -65 + 2 * k * (Math.Exp(-s / 5) - Math.Exp(-s / 20));
            Assert.Equal(expected, trace.Value(i, 0), 1e-10);
        }
    }

    [Fact]
    public void Invalid_parameters_are_all_reported_by_name()
    {
        var bad = s_model with { MembraneTauMs = -1, ExcitatoryTauMs = double.NaN, ResetMv = -40, InhibitoryTauMs = 20, RefractoryMs = -2 };
        var e = Assert.Throws<NetworkValidationException>(() => new NetworkBuilder().AddPopulation("cells", 2, bad).Build());
        Assert.Contains(e.Errors, m => m.Contains("'cells'") && m.Contains("membrane_tau_ms") && m.Contains("-1"));
        Assert.Contains(e.Errors, m => m.Contains("excitatory_tau_ms") && m.Contains("NaN"));
        Assert.Contains(e.Errors, m => m.Contains("reset_mv"));
        Assert.Contains(e.Errors, m => m.Contains("refractory_ms"));
        var same = s_model with { InhibitoryTauMs = 20 };
        var e2 = Assert.Throws<NetworkValidationException>(() => new NetworkBuilder().AddPopulation("cells", 2, same).Build());
        Assert.Contains(e2.Errors, m => m.Contains("inhibitory_tau_ms") && m.Contains("must differ from membrane_tau_ms"));
    }
}
