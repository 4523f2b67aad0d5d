using SpikeCore.Reservoir.Reservoirs;
using SpikeCore.Reservoir.Tasks;

namespace SpikeCore.Reservoir.Tests.Tasks;

public class SpeakerSelectionTests
{
    [Fact]
    public void The_candidate_whose_features_carry_over_to_new_speakers_wins_and_the_test_speaker_is_never_read()
    {
        // Four speakers × 40 utterances. Candidate 0 codes the digit the same way for every speaker; candidate 1 codes it
        // with a permutation of its own per speaker (useless on a new one). The test speaker's
        // rows are NaN: touching them would throw.
        var rng = new System.Random(4);
        string[] speakers = ["a", "b", "c", "test"];
        DigitRecording[] recordings = [.. speakers.SelectMany(s => Enumerable.Range(0, 40).Select(k => new DigitRecording($"{k % 10}_{s}_{k}.wav", k % 10, s, k)))];
        int[][] permutation = [.. speakers.Select(_ => Enumerable.Range(0, 10).OrderBy(_ => rng.Next()).ToArray())];
        double[] Code(int digit) => [.. Enumerable.Range(0, 10).Select(j => (j == digit ? 1.0 : 0) + (0.05 * rng.NextDouble()))];
        double[][] shared = [.. recordings.Select(r => r.Speaker == "test" ? Enumerable.Repeat(double.NaN, 10).ToArray() : Code(r.Digit))];
        double[][] own = [.. recordings.Select(r => r.Speaker == "test" ? Enumerable.Repeat(double.NaN, 10).ToArray() : Code(permutation[Array.IndexOf(speakers, r.Speaker)][r.Digit]))];
        double[][] noise = [.. recordings.Select(_ => new[] { rng.NextDouble() })];
        var experiment = new DigitsExperiment { Reservoir = ReservoirKind.Esn };
        DigitsExperiment.FeatureRows[] features = [new(recordings, noise, [shared], 0), new(recordings, noise, [own], 0)];
        int[] train = [.. Enumerable.Range(0, recordings.Length).Where(i => recordings[i].Speaker != "test")];

        SpeakerSelection.Choice choice = SpeakerSelection.Choose([experiment, experiment], features, train);
        Assert.True(choice.Candidate == 0, string.Join(", ", choice.InnerAccuracy));
        Assert.Equal(1, choice.InnerAccuracy[0]);
        Assert.InRange(choice.InnerAccuracy[1], 0, 0.5);
        Assert.Throws<ArgumentException>(() => SpeakerSelection.Choose([experiment], [features[0]], [.. train.Where(i => recordings[i].Speaker == "a")]));
    }
}
