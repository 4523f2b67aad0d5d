using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Models.Devices;

namespace SpikeCore.Crossbar.Tests.Arrays;

public class OuterProductUpdateTests
{
    [Fact]
    public void Coincident_pulse_trains_change_each_device_by_eta_x_d_on_average()
    {
        // A linear device with 1000 pulses across 0-10 µS, started mid-range: each coincidence moves 0.01 µS exactly,
        // so the mean change over K updates is K η x_i d_j (G_max − G_min), with the binomial spread of the coincidences.
        var preset = DevicePresets.NeuroSimTarget with { Name = "linear", Device = new LinearStepDevice { MinConductanceUs = 0, MaxConductanceUs = 10, MaxPulses = 1000 } };
        var a = new CrossbarArray(3, 4, new ArrayConfig { Preset = preset }, seed: 7);
        a.Program(Enumerable.Repeat(5.0, 12).ToArray(), ProgrammingScheme.OpenLoop);
        double[] start = a.ConductancesUs.ToArray();
        double[] x = [0.9, -0.5, 0.2], d = [0.7, -0.3, 0.05, -1];
        const double eta = 0.0004;
        const int updates = 400, bl = 31;
        for (int k = 0; k < updates; k++)
        {
            a.UpdateOuterProduct(x, d, eta, bl);
        }

        double c = Math.Sqrt(eta * 1000 / bl);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                double p = Math.Abs(x[i]) * c * Math.Abs(d[j]) * c, expected = updates * eta * x[i] * d[j] * 10;
                double sd = Math.Sqrt(updates * bl * p * (1 - p)) * 0.01;
                double change = a.ConductancesUs[(i * 4) + j] - start[(i * 4) + j];
                Assert.InRange(change, expected - (4 * sd) - 1e-12, expected + (4 * sd) + 1e-12);
            }
        }
    }

    [Fact]
    public void Updates_are_reproducible_and_a_zero_row_or_column_never_pulses()
    {
        double[] Run(ulong seed)
        {
            var a = new CrossbarArray(4, 4, new ArrayConfig { Preset = DevicePresets.AgSi }, seed);
            for (int k = 0; k < 20; k++)
            {
                a.UpdateOuterProduct([1, 0, -0.5, 0.3], [0.2, -0.8, 0, 1], 0.01);
            }

            Assert.All(Enumerable.Range(0, 4), j => Assert.Equal(0, a.PulseCount(1, j)));
            Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(0, a.PulseCount(i, 2)));
            return a.ConductancesUs.ToArray();
        }

        Assert.Equal(Run(3), Run(3));
        Assert.NotEqual(Run(3), Run(4));
    }
}
