using SpikeCore.Random;

namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// The schedule of online K-means: <paramref name="Epochs"/> passes over the samples in a seeded shuffled order, the
/// learning rate η₀ (<paramref name="LearningRate"/>) multiplied by <paramref name="Decay"/> after each pass.
/// </summary>
public sealed record OnlineSchedule(int Epochs = 20, double LearningRate = 0.1, double Decay = 0.85)
{
    /// <summary>Every step's sample and learning rate, the same for the float and the array solver of one restart.</summary>
    public IEnumerable<(int Sample, double Rate)> Steps(int samples, ulong seed, int restart)
    {
        var order = Enumerable.Range(0, samples).ToArray();
        double rate = LearningRate;
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            var rng = KeyedRandom.Create(seed, StreamPurpose.KMeansOrder, ((ulong)restart << 20) + (ulong)epoch);
            for (int k = order.Length - 1; k > 0; k--)
            {
                int j = rng.NextInt(k + 1);
                (order[k], order[j]) = (order[j], order[k]);
            }

            foreach (int s in order)
            {
                yield return (s, rate);
            }

            rate *= Decay;
        }
    }
}
