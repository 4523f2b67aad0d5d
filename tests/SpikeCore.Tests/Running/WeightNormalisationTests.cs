using SpikeCore.Runtimes;

namespace SpikeCore.Tests.Running;

public class WeightNormalisationTests
{
    [Fact]
    public void Registers_give_what_one_synapse_at_a_time_gives_to_the_bit()
    {
        // 9 inputs onto 37 neurons (a partial last register), weights in [0, 1.3) against a cap of 1: some clipped; neuron 3
        // has only zero weights (sum 0: left as they are), neuron 11 a negative sum, neuron 20 a NaN (left NaN).
        const int Inputs = 9, Neurons = 37;
        const double WeightSum = 7.8;
        const float Cap = 1;
        var rng = new System.Random(3);
        float[] weights = [.. Enumerable.Range(0, Inputs * Neurons).Select(k => k % Neurons == 3 ? 0 : (float)(rng.NextDouble() * 1.3))];
        for (int s = 0; s < Inputs; s++)
        {
            weights[(s * Neurons) + 11] = -weights[(s * Neurons) + 11];
        }

        weights[(4 * Neurons) + 20] = float.NaN;

        double[] naiveSums = new double[Neurons];
        for (int k = 0; k < weights.Length; k++)
        {
            naiveSums[k % Neurons] += weights[k];
        }

        float[] naive = [.. weights.Select((w, k) => naiveSums[k % Neurons] > 0 ? Math.Min((float)(w * WeightSum / naiveSums[k % Neurons]), Cap) : w)];

        double[] sums = new double[Neurons];
        float[] rows = [.. weights];
        for (int s = 0; s < Inputs; s++)
        {
            WeightNormalisation.Accumulate(sums, rows.AsSpan(s * Neurons, Neurons));
        }

        for (int s = 0; s < Inputs; s++)
        {
            WeightNormalisation.Scale(rows.AsSpan(s * Neurons, Neurons), sums, WeightSum, Cap);
        }

        Assert.Equal(naiveSums.Select(BitConverter.DoubleToInt64Bits), sums.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(naive.Select(BitConverter.SingleToInt32Bits), rows.Select(BitConverter.SingleToInt32Bits));
        Assert.Contains(rows, w => w == Cap);
        Assert.True(rows.Count(w => w != 0 && w < Cap) > weights.Length / 2, "most weights scaled, not clipped");
    }
}
