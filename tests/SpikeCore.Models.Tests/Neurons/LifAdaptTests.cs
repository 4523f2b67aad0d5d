using SpikeCore.Building;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests.Neurons;

public class LifAdaptTests
{
    private static readonly LifAdapt s_neuron = LifAdapt.Default with { AdaptationMv = 3, AdaptationTauMs = 100 };

    /// <summary>V of the single neuron "n" at t = 0.1 k for k = 0..steps (sampled between ticks, so the state of tick k).</summary>
    private static (double[] V, double[] W, double[] Spikes) Run(LifAdapt neuron, double[] inputTimes, double weight, string receptor, int steps, double currentMv = 0)
    {
        var builder = new NetworkBuilder()
            .AddPopulation("in", 1, new SpikeTimesSource([inputTimes]))
            .AddPopulation("n", 1, neuron)
            .Connect("in", "n", Connectivity.AllToAll(), weight, 0.5, receptor);
        if (currentMv != 0)
        {
            builder.InjectCurrent(CurrentInjection.Constant("n", currentMv));
        }

        using var sim = new Simulation(builder.Build());
        sim.Run(0.05);
        var v = sim.RecordState("n", [0], "v_mv", 0.1);
        var w = sim.RecordState("n", [0], "w_mv", 0.1);
        sim.Run((steps * 0.1) + 0.01);
        int[] ids = sim.Spikes!.Neurons();
        return (v.Trace(0), w.Trace(0), sim.Spikes.TimesMs().Where((_, k) => ids[k] == 1).ToArray());
    }

    [Fact]
    public void A_subthreshold_input_off_the_grid_gives_the_exact_psp_at_every_step()
    {
        const double arrival = 1.234 + 0.5, w = 4;
        (double[] v, _, double[] spikes) = Run(s_neuron, [1.234], w, "excitatory", 400);
        Assert.Empty(spikes);
        double k = 5.0 / (5 - 20);
        for (int step = 0; step < v.Length; step++)
        {
            double t = step * 0.1, s = t - arrival;
            double expected = s < 0 ? -60 : -60 + (w * k * (Math.Exp(-s / 5) - Math.Exp(-s / 20)));
            Assert.Equal(expected, v[step], 1e-9);
        }
    }

    [Fact]
    public void After_a_spike_the_adaptation_current_pulls_v_below_rest_as_the_closed_form_says()
    {
        (double[] v, double[] w, double[] spikes) = Run(s_neuron, [0.53], 20, "voltage", 600); // V jumps at 1.03 ms, fires at the step end
        Assert.Single(spikes);
        Assert.Equal(1.1, spikes[0], 1e-9);
        double kw = 100.0 / (100 - 20), wAtRelease = 3 * Math.Exp(-2 / 100.0);
        for (int step = 11; step < v.Length; step++)
        {
            double t = step * 0.1;
            Assert.Equal(3 * Math.Exp(-(t - 1.1) / 100), w[step], 1e-9);
            if (t <= 3.1 + 1e-9)
            {
                Assert.Equal(-60, v[step], 1e-12); // refractory: held at reset
                continue;
            }

            double s = t - 3.1;
            Assert.Equal(-60 - (wAtRelease * kw * (Math.Exp(-s / 100) - Math.Exp(-s / 20))), v[step], 1e-9);
        }

        Assert.True(v.Min() < -61, "the adaptation current hyperpolarises");
    }

    [Fact]
    public void Under_constant_drive_adaptation_slows_firing_and_without_it_the_period_is_the_closed_form_on_the_grid()
    {
        // V∞ = −45 mV: from reset −60 the membrane reaches −50 after τm ln 3 = 21.97 ms, seen at the step end 22.0 ms.
        (_, _, double[] plain) = Run(s_neuron with { AdaptationMv = 0 }, [], 0, "excitatory", 3000, currentMv: 15);
        Assert.Equal(22.0, plain[0], 1e-9);
        Assert.All(plain.Zip(plain.Skip(1), (a, b) => b - a), isi => Assert.Equal(24.0, isi, 1e-9)); // + t_ref 2 ms

        (_, _, double[] adapting) = Run(s_neuron, [], 0, "excitatory", 3000, currentMv: 15);
        double[] isi = adapting.Zip(adapting.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(22.0, adapting[0], 1e-9); // nothing to adapt to before the first spike
        Assert.All(Enumerable.Range(0, 3), k => Assert.True(isi[k + 1] > isi[k], $"ISI {k + 1} ({isi[k + 1]}) not longer than ISI {k} ({isi[k]})"));
        Assert.True(isi[^1] > 1.3 * isi[0], $"steady ISI {isi[^1]} vs first {isi[0]}");
        Assert.True(adapting.Length < plain.Length);
    }

    [Fact]
    public void A_current_step_off_the_grid_is_exact_at_every_step()
    {
        var net = new NetworkBuilder().AddPopulation("n", 1, s_neuron).InjectCurrent(new CurrentInjection("n", [0.0, 1.234], [0.0, 5.0])).Build();
        using var sim = new Simulation(net);
        sim.Run(0.05);
        var v = sim.RecordState("n", [0], "v_mv", 0.1);
        sim.Run(50);
        for (int step = 0; step < v.SampleCount; step++)
        {
            double t = step * 0.1;
            Assert.Equal(t < 1.234 ? -60 : -60 + (5 * (1 - Math.Exp(-(t - 1.234) / 20))), v.Value(step, 0), 1e-9);
        }
    }

    [Fact]
    public void Impossible_parameters_are_named()
    {
        var errors = new List<string>();
        (LifAdapt.Default with { AdaptationTauMs = 20, AdaptationMv = -1, StepMs = 0, Neuron = LifExp.Default with { ResetMv = -40 } }).Validate(errors, "p", 1);
        Assert.Contains(errors, e => e.Contains("adaptation_tau_ms", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("adaptation_mv", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("step_ms", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("reset_mv", StringComparison.Ordinal));
    }
}
