using SpikeCore.Building;
using SpikeCore.Models.Neurons.Memristive;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;
using SpikeCore.Random;

namespace SpikeCore.Models.Tests.Neurons;

/// <summary>
/// The precondition for splitting a population across partitions (issue 6): a neuron's spikes must not depend, to the
/// last bit, on the inputs its population neighbours receive. Neuron 0 gets the same input train in every run; neuron
/// 1 gets none, or one of two different trains; neuron 0's spike times must be identical.
/// </summary>
public class NeighbourIndependenceTests
{
    [Theory]
    [InlineData("lif_exp", 6.0, "excitatory", 20_000)]
    [InlineData("lif_adapt", 6.0, "excitatory", 5_000)]
    [InlineData("lif_cond_exp", 6.0, "excitatory", 5_000)]
    [InlineData("hh_rk4", 20.0, "excitatory", 1_000)]
    [InlineData("hh_exp_euler", 20.0, "excitatory", 1_000)]
    [InlineData("traub_miles", 20.0, "excitatory", 1_000)]
    [InlineData("mott_neuristor", 1.0, "input", 1_000)]
    [InlineData("threshold_switch", 1.0, "input", 1_000)]
    [InlineData("pcm_neuron", 1.0, "input", 1_000)]
    public void A_neurons_spikes_do_not_depend_on_its_population_neighbours_inputs(string model, double weight, string receptor, double durationMs)
    {
        NeuronModel neuron = model switch
        {
            "lif_exp" => new LifExp { MembraneTauMs = 20, ExcitatoryTauMs = 5, InhibitoryTauMs = 10, RestMv = -60, ThresholdMv = -50, ResetMv = -65, RefractoryMs = 2 },
            "lif_adapt" => LifAdapt.Default,
            "lif_cond_exp" => LifCondExp.Default,
            "hh_rk4" => HodgkinHuxley.Default,
            "hh_exp_euler" => HodgkinHuxley.Default with { Scheme = HhScheme.ExponentialEuler },
            "traub_miles" => TraubMiles.Default,
            "mott_neuristor" => MottNeuristor.RegularSpiking,
            "threshold_switch" => new ThresholdSwitchNeuron(),
            _ => new PcmNeuron(),
        };
        double[] Train(ulong key, double rateHz)
        {
            var rng = KeyedRandom.Create(7, 11, key);
            var train = new List<double>();
            for (double t = 1000 * rng.NextExponential() / rateHz; t < durationMs; t += 1000 * rng.NextExponential() / rateHz)
            {
                train.Add(t);
            }

            return [.. train];
        }

        double[] NeuronZero(double[] neighbourTrain)
        {
            var network = new NetworkBuilder(1)
                .AddPopulation("in", 2, new SpikeTimesSource([Train(0, 300), neighbourTrain]))
                .AddPopulation("n", 2, neuron)
                .Connect("in", "n", Connectivity.OneToOne(), weight: weight, delayMs: 0.5, receptor: receptor)
                .Build();
            (double[] times, int[] neurons) = TestNetworks.Run(network, durationMs);
            return [.. times.Where((t, k) => neurons[k] == 2)];
        }

        double[] alone = NeuronZero([]), beside = NeuronZero(Train(1, 97)), besideOther = NeuronZero(Train(2, 451));
        Assert.True(alone.Length > 20, $"{model}: {alone.Length} spikes");
        Assert.Equal(alone, beside);
        Assert.Equal(alone, besideOther);
    }
}
