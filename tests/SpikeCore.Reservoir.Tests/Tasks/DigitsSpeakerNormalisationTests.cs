using SpikeCore.Reservoir.Readout;
using SpikeCore.Reservoir.Reservoirs;
using SpikeCore.Reservoir.Tasks;

namespace SpikeCore.Reservoir.Tests.Tasks;

public class DigitsSpeakerNormalisationTests
{
    private static readonly string[] Speakers = ["a", "b", "c"];

    /// <summary>
    /// 100 utterances per speaker: a clear code of the digit plus noise, shifted by a large offset of the speaker's own
    /// (a voice's constant colouring). Returns recordings and features (baseline and reservoir alike).
    /// </summary>
    private static (DigitRecording[] Recordings, double[][] Features) Voices()
    {
        var rng = new System.Random(3);
        double[][] offsets = [.. Speakers.Select(_ => Enumerable.Range(0, 10).Select(_ => 4 * ((2 * rng.NextDouble()) - 1)).ToArray())];
        DigitRecording[] recordings = [.. Enumerable.Range(0, 300).Select(k => new DigitRecording($"{k % 10}_{Speakers[k / 100]}_{k}.wav", k % 10, Speakers[k / 100], k % 100))];
        double[][] features = [.. recordings.Select(r => Enumerable.Range(0, 10).Select(j => (j == r.Digit ? 1.0 : 0) + (0.3 * rng.NextDouble()) + offsets[Array.IndexOf(Speakers, r.Speaker)][j]).ToArray())];
        return (recordings, features);
    }

    [Fact]
    public void A_new_voice_is_recognised_once_its_offset_is_normalised_away()
    {
        (DigitRecording[] recordings, double[][] features) = Voices();
        var rows = new DigitsExperiment.FeatureRows(recordings, features, [features], 0);
        int[] train = [.. Enumerable.Range(0, 200)], test = [.. Enumerable.Range(200, 100)]; // speaker c never heard
        double Accuracy(SpeakerNormalisation n) => new DigitsExperiment { Reservoir = ReservoirKind.Esn, SpeakerNormalisation = n }.Evaluate(rows, train, test).ReservoirAccuracy!.Value;
        Assert.True(Accuracy(SpeakerNormalisation.None) < 0.8, $"without normalisation {Accuracy(SpeakerNormalisation.None)}");
        Assert.Equal(1.0, Accuracy(SpeakerNormalisation.Mean));
        Assert.Equal(1.0, Accuracy(SpeakerNormalisation.MeanAndDeviation));
    }

    [Fact]
    public void Speakers_heard_in_training_keep_their_features()
    {
        // Speaker a only ever says 3, speaker b only 7, and the digit shows only in the voice's constant level (+1 or −1):
        // read as they are, the features name every digit; centred per speaker, nothing would be left but noise.
        var rng = new System.Random(5);
        DigitRecording[] recordings = [.. Enumerable.Range(0, 200).Select(k => k < 100 ? new DigitRecording($"3_a_{k}.wav", 3, "a", k) : new DigitRecording($"7_b_{k}.wav", 7, "b", k - 100))];
        double[][] features = [.. recordings.Select(r => new[] { (r.Digit == 3 ? 1.0 : -1.0) + (0.3 * rng.NextDouble()), rng.NextDouble() })];
        var rows = new DigitsExperiment.FeatureRows(recordings, features, [features], 0);
        int[] train = [.. Enumerable.Range(0, 200).Where(i => i % 100 >= 20)], test = [.. Enumerable.Range(0, 200).Where(i => i % 100 < 20)];
        var experiment = new DigitsExperiment { Reservoir = ReservoirKind.Esn, SpeakerNormalisation = SpeakerNormalisation.MeanAndDeviation };
        Assert.Equal(1.0, experiment.Evaluate(rows, train, test).ReservoirAccuracy);
    }
}
