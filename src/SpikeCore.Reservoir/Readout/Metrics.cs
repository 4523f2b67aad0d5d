namespace SpikeCore.Reservoir.Readout;

/// <summary>Error measures of the benchmark tasks.</summary>
public static class Metrics
{
    /// <summary>NMSE = mean((y − ŷ)²) / var(y).</summary>
    public static double Nmse(ReadOnlySpan<double> target, ReadOnlySpan<double> prediction)
    {
        if (target.Length != prediction.Length || target.Length < 2)
        {
            throw new ArgumentException($"need two equally long series of at least 2 values (got {target.Length} and {prediction.Length})");
        }

        for (int i = 0; i < target.Length; i++)
        {
            if (!double.IsFinite(target[i]) || !double.IsFinite(prediction[i]))
            {
                throw new ArgumentException($"step {i}: target {target[i]}, prediction {prediction[i]}: NMSE needs finite values");
            }
        }

        double mean = 0;
        foreach (double y in target)
        {
            mean += y;
        }

        mean /= target.Length;
        double error = 0, variance = 0;
        for (int i = 0; i < target.Length; i++)
        {
            error += (target[i] - prediction[i]) * (target[i] - prediction[i]);
            variance += (target[i] - mean) * (target[i] - mean);
        }

        if (!(variance > 0))
        {
            throw new ArgumentException("the target is constant: NMSE is undefined");
        }

        return error / variance;
    }

    /// <summary>NRMSE = sqrt(NMSE).</summary>
    public static double Nrmse(ReadOnlySpan<double> target, ReadOnlySpan<double> prediction) => Math.Sqrt(Nmse(target, prediction));

    /// <summary>Fraction of <paramref name="predicted"/> labels equal to <paramref name="actual"/>.</summary>
    public static double Accuracy(IReadOnlyList<int> actual, IReadOnlyList<int> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count || actual.Count == 0)
        {
            throw new ArgumentException($"need two equally long, non-empty label lists (got {actual.Count} and {predicted.Count})");
        }

        return actual.Where((a, i) => a == predicted[i]).Count() / (double)actual.Count;
    }

    /// <summary>Mean and sample standard deviation (n − 1; 0 for a single value) of results over seeds.</summary>
    public static (double Mean, double Sd) MeanSd(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        double mean = values.Average();
        double sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return (mean, sd);
    }

    /// <summary>
    /// McNemar's exact test of two classifiers on the same test items: b items only <paramref name="first"/> gets right,
    /// c only <paramref name="second"/>; under the null hypothesis of equal accuracy b ~ Binomial(b + c, ½), and the
    /// two-sided p-value is min(1, 2 P(X ≤ min(b, c))) (McNemar 1947; the exact form, since b + c is small here).
    /// </summary>
    public static (int OnlyFirst, int OnlySecond, double PValue) McNemar(IReadOnlyList<int> actual, IReadOnlyList<int> first, IReadOnlyList<int> second)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != actual.Count || second.Count != actual.Count)
        {
            throw new ArgumentException($"need one prediction of each classifier per item (got {actual.Count} items, {first.Count} and {second.Count} predictions)");
        }

        int b = 0, c = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            bool x = first[i] == actual[i], y = second[i] == actual[i];
            b += x && !y ? 1 : 0;
            c += y && !x ? 1 : 0;
        }

        double p = b + c == 0 ? 1 : Math.Min(1, 2 * MathNet.Numerics.Distributions.Binomial.CDF(0.5, b + c, Math.Min(b, c)));
        return (b, c, p);
    }
}
