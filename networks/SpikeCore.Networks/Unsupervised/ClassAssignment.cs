namespace SpikeCore.Networks.Unsupervised;

/// <summary>
/// How an unsupervised layer is read out (Diehl and Cook 2015): each neuron takes the class to which it responded most
/// on average; a sample is given the class whose neurons respond most on average.
/// </summary>
public static class ClassAssignment
{
    /// <summary>
    /// Each neuron's class from the responses <paramref name="counts"/>[sample][neuron] to samples of classes
    /// <paramref name="labels"/>: the class with the highest mean response (ties and silent neurons: the lowest class;
    /// −1 for a neuron that never fired).
    /// </summary>
    public static int[] Assign(IReadOnlyList<int[]> counts, IReadOnlyList<int> labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(labels);
        int neurons = counts.Count > 0 ? counts[0].Length : 0;
        var sum = new double[classes, neurons];
        var samples = new int[classes];
        for (int s = 0; s < counts.Count; s++)
        {
            samples[labels[s]]++;
            for (int j = 0; j < neurons; j++)
            {
                sum[labels[s], j] += counts[s][j];
            }
        }

        var assigned = new int[neurons];
        for (int j = 0; j < neurons; j++)
        {
            (int best, double bestRate) = (-1, 0.0);
            for (int c = 0; c < classes; c++)
            {
                double rate = samples[c] > 0 ? sum[c, j] / samples[c] : 0;
                if (rate > bestRate)
                {
                    (best, bestRate) = (c, rate);
                }
            }

            assigned[j] = best;
        }

        return assigned;
    }

    /// <summary>
    /// The class of a sample whose response is <paramref name="counts"/>: the class whose assigned neurons fired most on
    /// average (classes with no neuron score 0; ties go to the lowest class).
    /// </summary>
    public static int Predict(ReadOnlySpan<int> counts, ReadOnlySpan<int> assigned, int classes)
    {
        Span<double> sum = stackalloc double[classes];
        Span<int> members = stackalloc int[classes];
        for (int j = 0; j < counts.Length; j++)
        {
            if (assigned[j] >= 0)
            {
                sum[assigned[j]] += counts[j];
                members[assigned[j]]++;
            }
        }

        (int best, double bestMean) = (0, -1.0);
        for (int c = 0; c < classes; c++)
        {
            double mean = members[c] > 0 ? sum[c] / members[c] : 0;
            if (mean > bestMean)
            {
                (best, bestMean) = (c, mean);
            }
        }

        return best;
    }

    /// <summary>The fraction of samples whose <see cref="Predict"/>ed class is their label.</summary>
    public static double Accuracy(IReadOnlyList<int[]> counts, IReadOnlyList<int> labels, int[] assigned, int classes)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int right = 0;
        for (int s = 0; s < counts.Count; s++)
        {
            right += Predict(counts[s], assigned, classes) == labels[s] ? 1 : 0;
        }

        return counts.Count == 0 ? double.NaN : (double)right / counts.Count;
    }
}
