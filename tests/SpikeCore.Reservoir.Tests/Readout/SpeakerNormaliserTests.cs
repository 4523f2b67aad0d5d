using SpikeCore.Reservoir.Readout;

namespace SpikeCore.Reservoir.Tests.Readout;

public class SpeakerNormaliserTests
{
    /// <summary>Ten rows of (k, 10 k) for k = 0..9 plus <paramref name="offset"/>: mean (4.5, 45) + offset, deviations (2.87, 28.7).</summary>
    private static double[][] Rows(double offset) => [.. Enumerable.Range(0, 10).Select(k => new[] { k + offset, (10.0 * k) + offset })];

    [Fact]
    public void Heard_speakers_use_their_training_rows_and_a_new_speaker_its_own_rows()
    {
        // Training: speaker a (rows 0-9) and b (rows 10-19); test: one more row of a, then ten rows of the new speaker c.
        double[][] rows = [.. Rows(0), .. Rows(100), [7, 7], .. Rows(-50)];
        string[] speakers = [.. Enumerable.Repeat("a", 10), .. Enumerable.Repeat("b", 10), "a", .. Enumerable.Repeat("c", 10)];
        double[][] n = SpeakerNormaliser.Apply(rows, speakers, trainCount: 20, SpeakerNormalisation.Mean);
        Assert.Equal([-4.5, -45], n[0]);
        Assert.Equal([-4.5, -45], n[10]); // b's offset of 100 is gone
        Assert.Equal([7 - 4.5, 7 - 45], n[20]); // a test row of a heard speaker: a's training mean
        Assert.Equal([-4.5, -45], n[21]); // c, never heard: its own mean
        Assert.Equal(100, rows[10][0]); // the input is left alone
        Assert.Equal(rows, SpeakerNormaliser.Apply(rows, speakers, 20, SpeakerNormalisation.None));
    }

    [Fact]
    public void Mean_and_deviation_gives_each_speaker_zero_mean_and_unit_deviation_whatever_its_offset_and_gain()
    {
        // Speaker b is speaker a with every feature scaled by 3 and shifted by 7: the normalised rows are the same.
        double[][] a = Rows(0);
        double[][] b = [.. a.Select(r => r.Select(v => (3 * v) + 7).ToArray())];
        string[] speakers = [.. Enumerable.Repeat("a", 10), .. Enumerable.Repeat("b", 10)];
        double[][] n = SpeakerNormaliser.Apply([.. a, .. b], speakers, trainCount: 20, SpeakerNormalisation.MeanAndDeviation);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(n[i][0], n[10 + i][0], 12);
            Assert.Equal(n[i][1], n[10 + i][1], 12);
        }

        double sd = Math.Sqrt(Enumerable.Range(0, 10).Average(k => (k - 4.5) * (k - 4.5))); // 2.872
        Assert.Equal((0 - 4.5) / sd, n[0][0], 12);
        Assert.Equal(1, Math.Sqrt(n[..10].Average(r => r[1] * r[1])), 12);
    }

    [Fact]
    public void A_new_speaker_with_too_few_recordings_is_refused_by_name()
    {
        double[][] rows = [.. Rows(0), [1, 2], [3, 4]];
        string[] speakers = [.. Enumerable.Repeat("a", 10), "z", "z"];
        var e = Assert.Throws<ArgumentException>(() => SpeakerNormaliser.Apply(rows, speakers, 10, SpeakerNormalisation.Mean));
        Assert.Contains("'z' has 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, SpeakerNormaliser.Apply(rows, speakers, 10, SpeakerNormalisation.None)[11].Length); // nothing to adapt: allowed
    }
}
