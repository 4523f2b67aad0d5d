namespace SpikeCore.Reservoir.Readout;

/// <summary>
/// Speaker-level feature normalisation: every row of speaker s becomes x − μ_s (or (x − μ_s)/σ_s per feature), the
/// speaker-level form of cepstral mean (and variance) normalisation (Viikki and Laurila 1998; per speaker as in Kaldi's
/// <c>apply-cmvn</c>), applied to whatever features the readout sees: a voice's constant offset (vocal tract, channel,
/// loudness) is removed, while the differences between the digits it says are kept.
/// </summary>
/// <remarks>
/// Statistics come from rows whose labels are never used: a speaker heard in training is normalised with the statistics of
/// its training rows (an enrolled speaker); a speaker met only at test time with those of its own test rows (adaptation
/// to a new voice from its unlabelled utterances, as a recogniser adapts to its user). Such a speaker needs at least
/// <see cref="MinimumRecordings"/> recordings.
/// </remarks>
public static class SpeakerNormaliser
{
    /// <summary>The fewest recordings a speaker's statistics are taken from.</summary>
    public const int MinimumRecordings = 10;

    /// <summary>
    /// Normalised copies of <paramref name="rows"/>, whose first <paramref name="trainCount"/> are training rows, spoken
    /// by <paramref name="speakers"/> (one per row). Throws <see cref="ArgumentException"/> naming a speaker with fewer
    /// than <see cref="MinimumRecordings"/> rows to take statistics from.
    /// </summary>
    public static double[][] Apply(IReadOnlyList<double[]> rows, IReadOnlyList<string> speakers, int trainCount, SpeakerNormalisation mode)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(speakers);
        if (speakers.Count != rows.Count || trainCount < 0 || trainCount > rows.Count)
        {
            throw new ArgumentException($"need one speaker per row and 0 to {rows.Count} training rows (got {speakers.Count} speakers, {trainCount})");
        }

        if (mode == SpeakerNormalisation.None)
        {
            return [.. rows.Select(r => (double[])r.Clone())];
        }

        var result = new double[rows.Count][]; // every row belongs to a speaker, so every row is written below

        foreach (string speaker in speakers.Distinct())
        {
            int[] all = [.. Enumerable.Range(0, rows.Count).Where(i => speakers[i] == speaker)];
            int[] heard = [.. all.Where(i => i < trainCount)];
            int[] reference = heard.Length > 0 ? heard : all;
            if (reference.Length < MinimumRecordings)
            {
                throw new ArgumentException($"speaker '{speaker}' has {reference.Length} recording(s); speaker normalisation needs at least {MinimumRecordings} (or switch it off)");
            }

            (double[] mean, double[] scale) = Statistics(rows, reference, mode == SpeakerNormalisation.MeanAndDeviation);
            foreach (int i in all)
            {
                result[i] = new double[mean.Length];
                for (int j = 0; j < mean.Length; j++)
                {
                    result[i][j] = (rows[i][j] - mean[j]) * scale[j];
                }
            }
        }

        return result;
    }

    /// <summary>Per feature over <paramref name="reference"/>: the mean, and 1/σ (floored as in <see cref="FeatureScaling"/>) or 1.</summary>
    private static (double[] Mean, double[] Scale) Statistics(IReadOnlyList<double[]> rows, int[] reference, bool divide)
    {
        int d = rows[reference[0]].Length;
        var mean = new double[d];
        foreach (int i in reference)
        {
            for (int j = 0; j < d; j++)
            {
                mean[j] += rows[i][j] / reference.Length;
            }
        }

        if (!divide)
        {
            return (mean, [.. Enumerable.Repeat(1.0, d)]);
        }

        double[] sd = [.. Enumerable.Range(0, d).Select(j => Math.Sqrt(reference.Sum(i => (rows[i][j] - mean[j]) * (rows[i][j] - mean[j])) / reference.Length))];
        return (mean, FeatureScaling.InverseDeviations(sd));
    }
}
