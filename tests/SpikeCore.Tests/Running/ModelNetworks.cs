using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Sources;

namespace SpikeCore.Tests.Running;

/// <summary>Small networks that exercise one neuron or synapse model each (partition and checkpoint tests run them all).</summary>
internal static class ModelNetworks
{
    /// <summary>The neuron models, with an input weight, receptor and recurrent weight that make each fire.</summary>
    public static TheoryData<string, double, string, double> NeuronModels => new()
    {
        { "lif_exp", 6.0, "excitatory", 1.5 },
        { "lif_adapt", 6.0, "excitatory", 1.5 },
        { "lif_cond_exp", 6.0, "excitatory", 1.5 },
        { "lif_cond_exp_float32", 6.0, "excitatory", 1.5 },
        { "lif_cond_exp_adaptive", 6.0, "excitatory", 1.5 },
        { "hh_rk4", 20.0, "excitatory", 2.0 },
        { "hh_exp_euler", 20.0, "excitatory", 2.0 },
        { "traub_miles", 20.0, "excitatory", 2.0 },
        { "mott_neuristor", 1.0, "input", 0.2 },
        { "threshold_switch", 1.0, "input", 0.2 },
        { "threshold_switch_adaptive", 1.0, "input", 0.2 },
        { "pcm_neuron", 1.0, "input", 0.2 },
    };

    /// <summary>The synapse models (their variants with devices, drawn parameters and stochastic rupture).</summary>
    public static TheoryData<string> SynapseModels => new() { "stdp", "stdp_device", "triplet_device", "tsodyks_markram_drawn", "diffusive_rupture", "binary_pcm" };

    /// <summary>20 Poisson inputs at 150 Hz into 37 recurrently connected neurons of <paramref name="model"/> (~900 input spikes in 300 ms).</summary>
    public static Network ForNeuron(string model, double inputWeight, string receptor, double recurrentWeight)
    {
        NeuronModel neuron = model switch
        {
            "lif_exp" => LifExp.Default with { RestMv = -60, ThresholdMv = -50 },
            "lif_adapt" => LifAdapt.Default,
            "lif_cond_exp" => LifCondExp.Default,
            "lif_cond_exp_float32" => LifCondExp.Default with { Precision = Precision.Binary32 },
            "lif_cond_exp_adaptive" => LifCondExp.Default with { ThresholdIncrementMv = 0.5, ThresholdTauMs = 50 },
            "hh_rk4" => HodgkinHuxley.Default,
            "hh_exp_euler" => HodgkinHuxley.Default with { Scheme = HhScheme.ExponentialEuler },
            "traub_miles" => TraubMiles.Default,
            "mott_neuristor" => SpikeCore.Models.Neurons.Memristive.MottNeuristor.RegularSpiking,
            "threshold_switch" => new SpikeCore.Models.Neurons.Memristive.ThresholdSwitchNeuron(),
            "threshold_switch_adaptive" => new SpikeCore.Models.Neurons.Memristive.ThresholdSwitchNeuron { ThresholdIncrementV = 0.05, ThresholdTauMs = 40, MeanSwitchingDelayMs = 0.2, RelaxationMs = 1 },
            _ => new SpikeCore.Models.Neurons.Memristive.PcmNeuron(),
        };
        return new NetworkBuilder(9)
            .AddPopulation("in", 20, PoissonSource.Constant(rateHz: 150))
            .AddPopulation("n", 37, neuron) // not a multiple of the vector width: slices end inside vectors
            .Connect("in", "n", Connectivity.FixedInDegree(4), inputWeight, Distribution.Uniform(0.5, 2), receptor)
            .Connect("n", "n", Connectivity.FixedInDegree(5), recurrentWeight, 1.0, receptor)
            .Build();
    }

    /// <summary>24 Poisson inputs at 120 Hz into 37 lif_exp neurons through a projection of <paramref name="model"/> (projection 0), plus static recurrence.</summary>
    public static Network ForSynapse(string model)
    {
        var device = new SpikeCore.Models.Devices.LinearStepDevice { MinConductanceUs = 0, MaxConductanceUs = 10, MaxPulses = 100, CycleToCycleSigma = 0.05 };
        SynapseModel synapse = model switch
        {
            "stdp" => new SpikeCore.Models.Synapses.Stdp { MaxWeight = 10, LearningRate = 0.05 },
            "stdp_device" => new SpikeCore.Models.Synapses.Stdp { MaxWeight = 10, LearningRate = 0.05, Device = device },
            "triplet_device" => new SpikeCore.Models.Synapses.TripletStdp { MaxWeight = 10, Device = device },
            "tsodyks_markram_drawn" => SpikeCore.Models.Synapses.TsodyksMarkram.Depressing with { U = Distribution.Uniform(0.2, 0.8) },
            "diffusive_rupture" => new SpikeCore.Models.Synapses.DiffusiveMemristor { StochasticRupture = true, RuptureRatePerS = 2e8, RuptureFraction = 0.5, GrowthRatePerS = 500 },
            _ => new SpikeCore.Models.Synapses.BinaryPcmStdp { MaxWeight = 10 },
        };
        double scale = model switch { "tsodyks_markram_drawn" => 8, "diffusive_rupture" => 1000, _ => 1 }; // efficacies below 1
        return new NetworkBuilder(4)
            .AddPopulation("in", 24, PoissonSource.Constant(rateHz: 120))
            .AddPopulation("n", 37, LifExp.Default with { RestMv = -60, ThresholdMv = -52 })
            .Connect("in", "n", Connectivity.FixedInDegree(6), Distribution.Uniform(4 * scale, 8 * scale), Distribution.Uniform(0.5, 2), "excitatory", synapse)
            .Connect("n", "n", Connectivity.FixedInDegree(4), 1.0, 1.0, "excitatory")
            .Build();
    }
}
