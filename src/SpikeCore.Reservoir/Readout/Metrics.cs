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
}
