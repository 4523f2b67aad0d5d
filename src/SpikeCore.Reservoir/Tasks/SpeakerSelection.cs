namespace SpikeCore.Reservoir.Tasks;

/// <summary>
/// Nested leave-one-speaker-out: chooses among candidate configurations using the training speakers only. Each
/// candidate is trained on all training speakers but one and scored on that one, in turn; the candidate with the best
/// mean accuracy over those inner folds wins (the first on ties). The test speakers never take part.
/// </summary>
public static class SpeakerSelection
{
    /// <summary>The chosen candidate and every candidate's mean inner accuracy.</summary>
    public sealed record Choice(int Candidate, double[] InnerAccuracy);

    /// <summary>
    /// Chooses among <paramref name="candidates"/>, whose features of the same recordings are
    /// <paramref name="features"/>, by leaving out each speaker of <paramref name="trainRows"/> in turn.
    /// Needs at least two training speakers.
    /// </summary>
    public static Choice Choose(IReadOnlyList<DigitsExperiment> candidates, IReadOnlyList<DigitsExperiment.FeatureRows> features, IReadOnlyList<int> trainRows)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(trainRows);
        if (candidates.Count == 0 || features.Count != candidates.Count)
        {
            throw new ArgumentException($"need one feature set per candidate, at least one (got {candidates.Count} candidates, {features.Count} feature sets)");
        }

        IReadOnlyList<DigitRecording> recordings = features[0].Recordings;
        string[] speakers = [.. trainRows.Select(i => recordings[i].Speaker).Distinct()];
        if (speakers.Length < 2)
        {
            throw new ArgumentException($"nested leave-one-speaker-out needs at least two training speakers (got {speakers.Length})", nameof(trainRows));
        }

        var inner = new double[candidates.Count];
        for (int c = 0; c < candidates.Count; c++)
        {
            foreach (string held in speakers)
            {
                int[] fit = [.. trainRows.Where(i => recordings[i].Speaker != held)];
                int[] score = [.. trainRows.Where(i => recordings[i].Speaker == held)];
                DigitsExperiment.Result r = candidates[c].Evaluate(features[c], fit, score);
                inner[c] += (r.ReservoirAccuracy ?? r.BaselineAccuracy) / speakers.Length;
            }
        }

        return new Choice(Array.IndexOf(inner, inner.Max()), inner);
    }
}
