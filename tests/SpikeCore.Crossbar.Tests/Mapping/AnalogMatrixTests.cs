using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Converters;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Mapping;

namespace SpikeCore.Crossbar.Tests.Mapping;

public class AnalogMatrixTests
{
    private static double[] TransposedProduct(double[] w, int inputs, int outputs, double[] d) =>
        [.. Enumerable.Range(0, inputs).Select(i => Enumerable.Range(0, outputs).Sum(j => w[(i * outputs) + j] * d[j]))];

    [Theory]
    [InlineData(WeightMapping.Differential)]
    [InlineData(WeightMapping.ReferenceColumn)]
    public void Tiled_reads_are_the_product_of_the_weights_the_conductances_hold(WeightMapping mapping)
    {
        // 300 × 130 on 128 × 64 tiles: 3 row blocks and several output blocks, partial sums added after the (ideal) ADCs.
        var config = new AnalogMatrixConfig { Array = new ArrayConfig { Preset = DevicePresets.AgSi }, Mapping = mapping, TileRows = 128, TileColumns = 64 };
        var m = new AnalogMatrix(300, 130, config, seed: 3);
        double[] target = Draw.Uniform(300 * 130, -1, 1, 4);
        m.Program(target, ProgrammingScheme.WriteVerify, toleranceUs: 0.05 * config.Array.Preset.Device.RangeUs);
        double[] held = m.Weights();
        double[] x = Draw.Uniform(300, -1, 1, 5), d = Draw.Uniform(130, -1, 1, 6);
        var y = new double[130];
        var z = new double[300];
        m.Multiply(x, y);
        m.MultiplyTransposed(d, z);
        double[] expectY = Draw.Product(held, 300, 130, x), expectZ = TransposedProduct(held, 300, 130, d);
        for (int j = 0; j < 130; j++)
        {
            Assert.Equal(expectY[j], y[j], 1e-9);
        }

        for (int i = 0; i < 300; i++)
        {
            Assert.Equal(expectZ[i], z[i], 1e-9);
        }

        Assert.Equal(3 * (mapping == WeightMapping.Differential ? 5 : 3), m.Arrays.Count);
    }

    [Fact]
    public void An_ideal_array_behind_a_b_bit_adc_errs_by_at_most_half_a_step_per_tile()
    {
        foreach (int bits in new[] { 4, 6, 8 })
        {
            // Full scale 64 bounds any partial sum of 64 weights in [−1, 1] times inputs in [0, 1]: nothing clips, nothing is re-read.
            var config = new AnalogMatrixConfig { Array = new ArrayConfig { Preset = DevicePresets.NeuroSimTarget }, Adc = new Converter(bits), AdcFullScale = 64, TileRows = 64, BoundManagementSteps = 0 };
            var m = new AnalogMatrix(128, 16, config, seed: 1);
            m.Program(Draw.Uniform(128 * 16, -1, 1, 2), ProgrammingScheme.OpenLoop);
            double[] held = m.Weights();
            double step = 64.0 / ((1 << (bits - 1)) - 1);
            for (int trial = 0; trial < 20; trial++)
            {
                double[] x = Draw.Uniform(128, 0, 1, 100 + trial);
                var y = new double[16];
                m.Multiply(x, y);
                double[] exact = Draw.Product(held, 128, 16, x);
                Assert.All(Enumerable.Range(0, 16), j => Assert.True(Math.Abs(y[j] - exact[j]) <= (2 * step / 2) + 1e-12, $"{bits} bits: {y[j]} vs {exact[j]}")); // two tiles per output
            }

            Assert.Equal(0, m.Energy.Clipped);
        }
    }

    [Fact]
    public void Bound_management_rereads_clipped_tiles_with_smaller_inputs()
    {
        Converter adc = new(8);
        var managed = new AnalogMatrix(64, 8, new AnalogMatrixConfig { Adc = adc, AdcFullScale = 1, BoundManagementSteps = 4 }, seed: 2);
        var unmanaged = new AnalogMatrix(64, 8, new AnalogMatrixConfig { Adc = adc, AdcFullScale = 1, BoundManagementSteps = 0 }, seed: 2);
        double[] w = Draw.Uniform(64 * 8, -1, 1, 3);
        managed.Program(w, ProgrammingScheme.OpenLoop);
        unmanaged.Program(w, ProgrammingScheme.OpenLoop);
        double[] x = Draw.Uniform(64, 0, 1, 4), exact = Draw.Product(managed.Weights(), 64, 8, x);
        var a = new double[8];
        var b = new double[8];
        managed.Multiply(x, a);
        unmanaged.Multiply(x, b);
        Assert.True(exact.Max(Math.Abs) > 2, "the outputs exceed the ADC's full scale of 1");
        Assert.True(unmanaged.Energy.Clipped > 0);
        Assert.All(Enumerable.Range(0, 8), j => Assert.True(Math.Abs(a[j] - exact[j]) <= 16.0 / 127 / 2 + 1e-12, $"{a[j]} vs {exact[j]}")); // at most 4 halvings: LSB × 16 / 2
        Assert.True(b.Zip(exact, (u, v) => Math.Abs(u - v)).Max() > 1);
        Assert.True(managed.Energy.Reads > unmanaged.Energy.Reads);
    }

    [Fact]
    public void Global_drift_compensation_removes_the_gain_a_day_of_pcm_drift_takes()
    {
        // Drift lowers every conductance by a state-dependent factor; the global correction restores the mean gain (the
        // regression slope of the outputs on the exact products), not each device's own spread of drift exponents.
        double Gain(bool compensate)
        {
            var config = new AnalogMatrixConfig { Array = new ArrayConfig { Preset = DevicePresets.PcmGst }, GlobalDriftCompensation = compensate };
            var m = new AnalogMatrix(128, 32, config, seed: 8);
            double[] w = Draw.Uniform(128 * 32, -1, 1, 9);
            m.Program(w, ProgrammingScheme.WriteVerify, toleranceUs: 0.25);
            double cross = 0, norm = 0;
            for (int k = 0; k < 20; k++)
            {
                double[] x = Draw.Uniform(128, 0, 1, 50 + k), exact = Draw.Product(w, 128, 32, x);
                var y = new double[32];
                m.Multiply(x, y, timeS: 86400);
                cross += y.Zip(exact, (a, b) => a * b).Sum();
                norm += exact.Sum(v => v * v);
            }

            return cross / norm;
        }

        double plain = Gain(false), compensated = Gain(true);
        Assert.InRange(plain, 0.3, 0.8); // ((86400 + 20)/20)^(−ν), ν ≈ 0.05-0.1
        Assert.InRange(compensated, 0.9, 1.1);
    }

    [Fact]
    public void Non_finite_weights_and_targets_are_refused_by_index()
    {
        var m = new AnalogMatrix(2, 2, new AnalogMatrixConfig(), seed: 1);
        var e = Assert.Throws<ArgumentException>(() => m.Program([0.1, double.NaN, 0.2, 0.3]));
        Assert.Contains("weight 1 is NaN", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new BitSlicedMatrix(2, 2, new AnalogMatrixConfig(), 2, 2, seed: 1).Program([0.1, 0.2, double.PositiveInfinity, 0.3]));
        Assert.Throws<ArgumentException>(() => m.Arrays[0].Program([1, 1, 1, double.NaN]));
    }
}
