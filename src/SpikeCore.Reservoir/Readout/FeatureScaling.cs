using MathNet.Numerics.LinearAlgebra;

namespace SpikeCore.Reservoir.Readout;

/// <summary>Puts features on one scale before a ridge readout, so that one λ suits them all.</summary>
public static class FeatureScaling
{
    /// <summary>
    /// Divides every column of <paramref name="train"/> and <paramref name="test"/> by its standard deviation over the
    /// training rows. A column that (nearly) never varied in training, with a deviation below 10⁻⁹ of the median
    /// column's, is set to zero in both: the readout cannot learn from it, and scaling its residue up would turn any
    /// test value into an enormous one (a neuron silent in training but active in testing). Centring is the readout's job.
    /// </summary>
    public static void Standardise(Matrix<double> train, Matrix<double> test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.ColumnCount != test.ColumnCount)
        {
            throw new ArgumentException($"train has {train.ColumnCount} features, test {test.ColumnCount}");
        }

        double[] sd = new double[train.ColumnCount];
        for (int j = 0; j < sd.Length; j++)
        {
            Vector<double> column = train.Column(j);
            double mean = column.Average();
            sd[j] = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / column.Count);
        }

        double[] varying = sd.Where(v => v > 0).Order().ToArray();
        double floor = varying.Length > 0 ? 1e-9 * varying[varying.Length / 2] : double.PositiveInfinity;
        for (int j = 0; j < sd.Length; j++)
        {
            double scale = sd[j] > floor ? 1 / sd[j] : 0;
            train.SetColumn(j, train.Column(j) * scale);
            test.SetColumn(j, test.Column(j) * scale);
        }
    }
}
