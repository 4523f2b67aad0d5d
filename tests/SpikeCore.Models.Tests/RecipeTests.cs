using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Sources;
using SpikeCore.Networks;
using SpikeCore.Recording;
using SpikeCore.Running;

namespace SpikeCore.Models.Tests;

/// <summary>The model-library recipes in networks/ do what their documentation says.</summary>
public class RecipeTests
{
    [Fact]
    public void Stdp_pattern_potentiates_the_inputs_that_lead_the_pattern_and_the_neuron_fires_on_it()
    {
        Network net = ModelNetworks.StdpPattern().Build();
        using var sim = new Simulation(net);
        sim.Run(8000);
        ProjectionWeights w = sim.Weights(0);
        var inputs = (SpikeTimesSource)net.Populations[0].Model;
        double Latency(int i) => inputs.TimesMs[i].First(t => t >= 100 && t < 100 + ModelNetworks.PatternMs) - 100;
        double early = w.Weights.Where((_, k) => w.Sources[k] < ModelNetworks.PatternParticipants && Latency(w.Sources[k]) < 15).Average(x => (double)x);
        double background = w.Weights.Where((_, k) => w.Sources[k] >= ModelNetworks.PatternParticipants).Average(x => (double)x);
        Assert.True(early > background + 0.15, $"early pattern inputs {early:F3} mV, background {background:F3} mV");

        double[] output = sim.Spikes!.TimesMs().Where((_, k) => sim.Spikes.Neurons()[k] == ModelNetworks.PatternInputs).ToArray();
        double inPattern = output.Count(t => ((t - 100) % ModelNetworks.PatternPeriodMs) < ModelNetworks.PatternMs + 10) / (double)output.Length;
        Assert.True(output.Length > 20 && inPattern > 0.7, $"{output.Length} output spikes, {inPattern:P0} during the pattern");
    }

    [Fact]
    public void Stp_recipe_depresses_and_facilitates()
    {
        Network net = ModelNetworks.Stp().Build();
        using var sim = new Simulation(net);
        StateRecorder dep = sim.RecordState("depressing", [0], "i_exc_mv", 0.1);
        StateRecorder fac = sim.RecordState("facilitating", [0], "i_exc_mv", 0.1);
        sim.Run(1100);

        // The synaptic current (τ = 2 ms) jumps by the efficacy at each arrival (51, 101, ... ms; samples are taken after
        // the inputs of their time): compare the 1st and the 10th jump.
        double Jump(StateRecorder r, double arrivalMs)
        {
            double[] trace = r.Trace(0);
            int k = (int)Math.Round(arrivalMs / 0.1);
            Assert.Equal(arrivalMs, r.TimesMs[k], 1e-9);
            return trace[k] - (trace[k - 1] * Math.Exp(-0.1 / 2));
        }

        Assert.Equal(0.115, Jump(dep, 501) / Jump(dep, 51), 0.01);
        Assert.Equal(4.58, Jump(fac, 501) / Jump(fac, 51), 0.1);
        int[] ids = sim.Spikes!.Neurons();
        int first = net.Population("E").FirstId, count = ids.Count(id => id >= first && id < first + 40);
        Assert.True(count > 40, $"the Maass E/I network fired {count} spikes in 1.1 s");
    }

    [Fact]
    public void Hh_steps_recipe_fires_repetitively_only_above_onset()
    {
        Network net = ModelNetworks.HhSteps().Build();
        (double[] times, _) = TestNetworks.Run(net, 1250);
        int Late(double stepStartMs) => times.Count(t => t >= stepStartMs + 50 && t < stepStartMs + 150); // after the onset transient
        Assert.Equal(0, Late(50));   // 3 µA/cm²
        Assert.Equal(0, Late(250));  // 6 µA/cm²
        Assert.True(Late(450) >= 4 * 4, "6.5 µA/cm² fires repetitively");
        Assert.True(Late(1050) > Late(850) && Late(850) > Late(650), "more current, faster firing");
    }
}
