using SpikeCore.Models.Synapses;

namespace SpikeCore.Models.Tests.Synapses;

public class AdditiveDepressionTests
{
    /// <summary>
    /// Rows of 27 synapses (a 512-bit register, a 256-bit one and three alone) and 400, depressed as a dense row and as
    /// scattered synapses, against max(w − s·o1, 0) in float one at a time: traces of 0, ordinary ones, ones whose product
    /// with the step is subnormal and subnormal ones. Every weight above 2·10^−31 or 0 ends exactly as that arithmetic
    /// has it; a weight of 10^−35 keeps its value where the exact product would be subnormal (the rule that spares the
    /// registers a microcode assist), and every path agrees to the bit.
    /// </summary>
    [Theory]
    [InlineData(27)]
    [InlineData(400)]
    public void Products_that_would_be_subnormal_count_as_zero_and_change_no_weight_above_1e_31(int n)
    {
        const float Step = 1e-3f;
        float[] traces = [0, 0.5f, 3e-37f, 1e-40f, 2f, 1e-12f]; // 3e-37 · 10^−3 and 10^−40 · 10^−3 are subnormal
        float[] weights = [0.3f, 0, 1e-35f, 0.7f, 1e-4f];
        var post = new PostTrace[n + 5];
        float[] row = new float[n];
        for (int k = 0; k < n; k++)
        {
            post[k + 5].Trace1 = traces[k % traces.Length];
            row[k] = weights[(k / traces.Length) % weights.Length];
        }

        float[] dense = [.. row], scattered = [.. row];
        int[] targets = [.. Enumerable.Range(5, n)];
        AdditiveDepression.Apply(dense, targets, 5, post, Step);
        AdditiveDepression.Apply(scattered, targets, -1, post, Step);
        Assert.Equal(scattered.Select(BitConverter.SingleToInt32Bits), dense.Select(BitConverter.SingleToInt32Bits));

        int kept = 0;
        for (int k = 0; k < n; k++)
        {
            float o = post[k + 5].Trace1, exact = row[k] - (Step * o);
            exact = exact > 0 ? exact : 0;
            if (row[k] == 0 || row[k] > 2e-31f)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(exact), BitConverter.SingleToInt32Bits(dense[k]));
            }
            else if (float.IsSubnormal(Step * o))
            {
                Assert.Equal(row[k], dense[k]);
                kept += exact != dense[k] ? 1 : 0;
            }
        }

        Assert.True(kept > 0);
    }
}
