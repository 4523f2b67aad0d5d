using SpikeCore.Recording;

namespace SpikeCore.Tests.Recording;

public class SpikeRecorderTests
{
    /// <summary>Spike k of a made-up list: a time and a neuron id, both distinct for every k.</summary>
    private static (double TimeMs, int Neuron) Spike(int k) => (k * 0.25 + 1.0 / 3, (k * 7919) % 1_000_003);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(131_071)] // a chunk's spikes but one
    [InlineData(131_072)] // exactly one chunk
    [InlineData(131_073)]
    [InlineData(300_000)] // three chunks, the last partly filled
    public void Every_spike_comes_back_in_order_whole_and_chunk_by_chunk(int n)
    {
        using var recorder = new SpikeRecorder();
        for (int k = 0; k < n; k++)
        {
            recorder.Add(Spike(k).TimeMs, Spike(k).Neuron);
        }

        Assert.Equal(n, recorder.Count);
        double[] times = recorder.TimesMs();
        int[] neurons = recorder.Neurons();
        Assert.Equal(n, times.Length);
        Assert.Equal(n, neurons.Length);
        for (int k = 0; k < n; k++)
        {
            Assert.Equal(Spike(k), (times[k], neurons[k]));
        }

        int seen = 0;
        recorder.ForEachChunk((t, ids) =>
        {
            Assert.Equal(t.Length, ids.Length);
            Assert.InRange(t.Length, 1, 1 << 17);
            for (int i = 0; i < t.Length; i++, seen++)
            {
                Assert.Equal(Spike(seen), (t[i], ids[i]));
            }
        });
        Assert.Equal(n, seen);
    }

    [Fact]
    public void Reserved_room_records_the_same_and_a_disposed_recorder_starts_empty_and_records_again()
    {
        var recorder = new SpikeRecorder();
        recorder.Reserve(200_000);
        Assert.Equal(0, recorder.Count);
        Assert.Empty(recorder.TimesMs());
        for (int k = 0; k < 150_000; k++)
        {
            recorder.Add(Spike(k).TimeMs, Spike(k).Neuron);
        }

        Assert.Equal(Spike(149_999).Neuron, recorder.Neurons()[^1]);
        recorder.Dispose();
        Assert.Equal(0, recorder.Count);
        Assert.Empty(recorder.Neurons());
        for (int k = 0; k < 5; k++)
        {
            recorder.Add(-k, k);
        }

        Assert.Equal([0.0, -1, -2, -3, -4], recorder.TimesMs());
        Assert.Equal([0, 1, 2, 3, 4], recorder.Neurons());
        recorder.Dispose();
    }
}
