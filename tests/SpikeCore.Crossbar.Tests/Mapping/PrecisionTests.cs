using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Converters;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Models.Devices;

namespace SpikeCore.Crossbar.Tests.Mapping;

public class PrecisionTests
{
    [Fact]
    public void Bit_serial_inputs_give_the_amplitude_result_of_the_same_dac_with_one_read_per_bit()
    {
        var amplitude = new AnalogMatrixConfig { Array = new ArrayConfig { Preset = DevicePresets.AgSi }, Dac = new Converter(8, 1, 1) };
        var serial = amplitude with { Inputs = InputEncoding.BitSerial };
        double[] w = Draw.Uniform(40 * 12, -1, 1, 1), x = Draw.Uniform(40, -1, 1, 2);
        var a = new AnalogMatrix(40, 12, amplitude, seed: 5);
        var b = new AnalogMatrix(40, 12, serial, seed: 5);
        a.Program(w, ProgrammingScheme.OpenLoop);
        b.Program(w, ProgrammingScheme.OpenLoop);
        var ya = new double[12];
        var yb = new double[12];
        a.Multiply(x, ya);
        b.Multiply(x, yb);
        Assert.All(Enumerable.Range(0, 12), j => Assert.Equal(ya[j], yb[j], 1e-12));
        Assert.Equal(1, a.Energy.Reads);
        Assert.Equal(7, b.Energy.Reads); // magnitude bits of an 8-bit signed code
    }

    [Fact]
    public void Slicing_weights_over_low_precision_devices_extends_the_precision()
    {
        // A noiseless linear device of 15 pulses holds a 4-bit digit exactly; one slice quantises weights to 4 bits,
        // three slices to 12 bits, and the product error falls with the quantisation step (2^8 = 256 times).
        var preset = DevicePresets.NeuroSimTarget with { Name = "four_bit", Device = new LinearStepDevice { MinConductanceUs = 0.1, MaxConductanceUs = 5, MaxPulses = 15 } };
        var config = new AnalogMatrixConfig { Array = new ArrayConfig { Preset = preset } };
        double[] w = Draw.Uniform(64 * 16, -1, 1, 3);
        double Error(int slices)
        {
            var m = new BitSlicedMatrix(64, 16, config, slices, 4, seed: 2);
            m.Program(w, ProgrammingScheme.OpenLoop);
            double squares = 0, norm = 0;
            for (int k = 0; k < 10; k++)
            {
                double[] x = Draw.Uniform(64, 0, 1, 10 + k);
                var y = new double[16];
                m.Multiply(x, y);
                for (int j = 0; j < 16; j++)
                {
                    double exact = Enumerable.Range(0, 64).Sum(i => w[(i * 16) + j] * x[i]);
                    squares += (y[j] - exact) * (y[j] - exact);
                    norm += exact * exact;
                }
            }

            return Math.Sqrt(squares / norm);
        }

        double one = Error(1), three = Error(3);
        Assert.InRange(one / three, 100, 1000);
        Assert.True(three < 1e-3, $"12-bit weights: {three:E2}");
    }

    [Fact]
    public void A_stated_retention_relaxes_devices_towards_g_min_with_that_1_over_e_time()
    {
        DevicePreset preset = DevicePresets.Table1Target;
        var a = new CrossbarArray(1, 1, new ArrayConfig { Preset = preset }, seed: 1);
        a.Program([4.0], ProgrammingScheme.WriteVerify, toleranceUs: 0.05);
        double g = a.ConductancesUs[0], gMin = preset.Device.MinConductanceUs;
        var i = new double[1];
        a.Read([1.0], i, timeS: preset.RetentionS!.Value);
        Assert.Equal(gMin + ((g - gMin) / Math.E), i[0], 1e-12);
        a.Read([1.0], i, timeS: 0);
        Assert.Equal(g, i[0], 1e-12);
    }
}
