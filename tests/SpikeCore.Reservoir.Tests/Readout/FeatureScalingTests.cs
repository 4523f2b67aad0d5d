using MathNet.Numerics.LinearAlgebra;
using SpikeCore.Reservoir.Readout;

namespace SpikeCore.Reservoir.Tests.Readout;

public class FeatureScalingTests
{
    [Fact]
    public void Columns_get_unit_deviation_and_columns_that_never_varied_are_dropped()
    {
        // Column 0 varies (sd 2), column 1 is constant, column 2 is the underflowing tail of a trace (sd ~1e-200).
        Matrix<double> train = Matrix<double>.Build.DenseOfRowArrays([1, 5, 1e-200], [5, 5, 2e-200], [1, 5, 0], [5, 5, 0]);
        Matrix<double> test = Matrix<double>.Build.DenseOfRowArrays([3, 7, 1.0]);
        FeatureScaling.Standardise(train, test);
        Assert.Equal([0.5, 2.5, 0.5, 2.5], train.Column(0).ToArray());
        Assert.Equal(1.5, test[0, 0]);
        Assert.All(train.Column(1).Concat(train.Column(2)), v => Assert.Equal(0, v));
        Assert.Equal(0, test[0, 1]);
        Assert.Equal(0, test[0, 2]); // not 1e200: a neuron silent in training cannot blow up a test prediction
        Assert.Throws<ArgumentException>(() => FeatureScaling.Standardise(train, Matrix<double>.Build.Dense(1, 2)));
    }

    [Fact]
    public void A_column_that_barely_varied_is_divided_by_a_hundredth_of_the_median_deviation()
    {
        // Columns 0, 1, 3 vary with sd 2; column 2 with sd 0.001 (a neuron that fired a little in training). The median
        // deviation is 2, so column 2 is divided by 0.02, not by its own 0.001: a test value of 1 becomes 50, not 1,000.
        Matrix<double> train = Matrix<double>.Build.DenseOfRowArrays([1, 1, 0, 1], [5, 5, 0.002, 5], [1, 1, 0, 1], [5, 5, 0.002, 5]);
        Matrix<double> test = Matrix<double>.Build.DenseOfRowArrays([3, 3, 1.0, 3]);
        FeatureScaling.Standardise(train, test);
        Assert.Equal([0.5, 2.5, 0.5, 2.5], train.Column(1).ToArray());
        Assert.Equal(50, test[0, 2], 1e-9);
        Assert.Equal(0.1, train[1, 2], 1e-12);
    }
}
