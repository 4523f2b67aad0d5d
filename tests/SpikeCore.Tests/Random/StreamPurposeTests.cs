using SpikeCore.Random;

namespace SpikeCore.Tests.Random;

public class StreamPurposeTests
{
    [Fact]
    public void No_two_purposes_of_the_table_collide_for_a_thousand_projections_and_populations()
    {
        var seen = new Dictionary<ulong, string>();
        void Add(ulong purpose, string what)
        {
            Assert.True(seen.TryAdd(purpose, what), $"{what} collides with {(seen.TryGetValue(purpose, out string? other) ? other : "")}");
        }

        for (int i = 0; i < 1000; i++)
        {
            Add(StreamPurpose.Connectivity(i), $"connectivity {i}");
            Add(StreamPurpose.Weights(i), $"weights {i}");
            Add(StreamPurpose.Delays(i), $"delays {i}");
            Add(StreamPurpose.InitialValues(i), $"initial {i}");
            Add(StreamPurpose.PoissonSpikes(i), $"poisson {i}");
            for (int k = 0; k < 4; k++)
            {
                Add(StreamPurpose.SynapseParameters(i, k), $"synapse parameter {i}.{k}");
            }

            Add(StreamPurpose.DeviceNoise(i), $"device noise {i}");
            Add(StreamPurpose.PcmSynapseNoise(i), $"pcm synapse noise {i}");
            Add(StreamPurpose.PcmSynapseInitial(i), $"pcm synapse initial {i}");
            Add(StreamPurpose.SwitchingDelays(i), $"switching {i}");
            Add(StreamPurpose.PcmNeuronNoise(i), $"pcm neuron {i}");
            Add(StreamPurpose.Rupture(i), $"rupture {i}");
            Add(StreamPurpose.External(i % 10, i), $"external {i % 10}.{i}");
        }

        Add(StreamPurpose.DeviceSpread, "device spread");
        // Applications draw in a block of their own: none may be a network-construction or model purpose.
        foreach (ulong application in new[] { StreamPurpose.TimeSeriesInput, StreamPurpose.RateEncoding, StreamPurpose.LiquidLayout,
            StreamPurpose.DeviceReservoirMasks, StreamPurpose.DeviceReservoirMasks + 1, StreamPurpose.TimeSeriesSplit, StreamPurpose.DigitsSearchTrial,
            StreamPurpose.TimeSeriesSearchTrial, StreamPurpose.Annealing, StreamPurpose.MottOscillatorNoise, StreamPurpose.MottHopfield,
            StreamPurpose.MottHopfield + 1, StreamPurpose.MottHopfieldOscillators, StreamPurpose.Bifurcation, StreamPurpose.HopfieldPatterns, StreamPurpose.HopfieldCapacity, StreamPurpose.CrossbarExperiment, StreamPurpose.DiehlCookThresholds,
            StreamPurpose.TrainingWeights, StreamPurpose.TrainingOrder, StreamPurpose.TrainingNoise, StreamPurpose.KMeansStarts, StreamPurpose.KMeansOrder,
            StreamPurpose.PulseRounding, StreamPurpose.SparseCoding, StreamPurpose.LinearSystems, StreamPurpose.RingReservoirMask })
        {
            Assert.False(seen.ContainsKey(application), $"application purpose {application} is also {(seen.TryGetValue(application, out string? other) ? other : "")}");
            Assert.True(application >= 32UL << 40 && application < 33UL << 40);
        }
    }
}
