using SpikeCore.Reservoir.Features;

namespace SpikeCore.Reservoir.Tests.Features;

public class SpikeTracesTests
{
    [Fact]
    public void Traces_equal_the_direct_sum_over_earlier_spikes()
    {
        var r = new System.Random(6);
        double[] times = Enumerable.Range(0, 500).Select(_ => r.NextDouble() * 1000).Order().ToArray();
        int[] neurons = times.Select(_ => r.Next(7)).ToArray();
        double[] samples = [0, 3.5, times[10], 250, 250, 999.9, 1200];
        double[][] traces = SpikeTraces.Sample(times, neurons, 7, samples, tauMs: 20);
        for (int s = 0; s < samples.Length; s++)
        {
            for (int i = 0; i < 7; i++)
            {
                double direct = Enumerable.Range(0, times.Length).Where(k => neurons[k] == i && times[k] <= samples[s]).Sum(k => Math.Exp(-(samples[s] - times[k]) / 20));
                Assert.Equal(direct, traces[s][i], 1e-10);
            }
        }
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpikeTraces.Sample([1.0], [0], 1, [2.0], 0));
        Assert.Contains("ascend", Assert.Throws<ArgumentException>(() => SpikeTraces.Sample([1.0], [0], 1, [2.0, 1.0], 5)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SpikeTraces.Sample([1.0, 2.0], [0], 1, [2.0], 5));
    }
}
