using MathNet.Numerics.LinearAlgebra;

namespace SpikeCore.Reservoir.Readout;

/// <summary>Puts features on one scale before a ridge readout, so that one λ suits them all.</summary>
public static class FeatureScaling
{
    /// <summary>
    /// Divides every column of <paramref name="train"/> and <paramref name="test"/> by its standard deviation over the
    /// training rows (constant columns are left alone). Centring is the readout's job.
    /// </summary>
    public static void Standardise(Matrix<double> train, Matrix<double> test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.ColumnCount != test.ColumnCount)
        {
            throw new ArgumentException($"train has {train.ColumnCount} features, test {test.ColumnCount}");
        }

        for (int j = 0; j < train.ColumnCount; j++)
        {
            Vector<double> column = train.Column(j);
            double mean = column.Average();
            double sd = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / column.Count);
            if (sd > 0)
            {
                train.SetColumn(j, column / sd);
                test.SetColumn(j, test.Column(j) / sd);
            }
        }
    }
}
