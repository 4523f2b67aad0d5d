using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Circuit;
using SpikeCore.Crossbar.Devices;

namespace SpikeCore.Crossbar.Tests.Arrays;

public class SelectSchemeTests
{
    private static CrossbarArray Uniform(int rows, int columns, double targetUs, ArrayConfig? config = null)
    {
        var a = new CrossbarArray(rows, columns, config ?? new ArrayConfig { Preset = Draw.QuietTarget }, seed: 1);
        a.Program(Enumerable.Repeat(targetUs, rows * columns).ToArray(), ProgrammingScheme.WriteVerify, toleranceUs: 0.1);
        return a;
    }

    [Fact]
    public void Floating_lines_add_the_classic_sneak_current_of_a_uniform_array()
    {
        // Every device g: the unselected rows settle at (N − 1)V/(M + N − 1), so the selected column senses
        // g V (1 + (M − 1)(N − 1)/(M + N − 1)) instead of g V.
        var a = Uniform(5, 7, 2.5);
        double g = a.ConductancesUs[0];
        Assert.All(a.ConductancesUs.ToArray(), x => Assert.Equal(g, x)); // noiseless write-verify from G_min lands every device alike
        (double sensed, double cell) = a.ReadCell(2, 3, SelectScheme.Floating);
        double v = DevicePresets.NeuroSimTarget.ReadVoltageV;
        Assert.Equal(g * v, cell, 1e-12);
        Assert.Equal(g * v * (1 + (4.0 * 6 / 11)), sensed, 1e-9 * sensed);
    }

    [Fact]
    public void Biased_schemes_sense_the_half_selected_devices_of_the_column_and_1t1r_senses_only_its_device()
    {
        var a = Uniform(6, 4, 1.0);
        var rng = new System.Random(3);
        for (int k = 0; k < 24; k++)
        {
            a.Pulse(k / 4, k % 4, rng.Next(0, 20)); // make the devices differ
        }

        ReadOnlySpan<double> g = a.ConductancesUs;
        double v = DevicePresets.NeuroSimTarget.ReadVoltageV, others = 0;
        for (int i = 0; i < 6; i++)
        {
            others += i == 1 ? 0 : g[(i * 4) + 2];
        }

        Assert.Equal((v * g[6]) + (v / 2 * others), a.ReadCell(1, 2, SelectScheme.HalfVoltage).SensedUa, 1e-12);
        Assert.Equal((v * g[6]) + (v / 3 * others), a.ReadCell(1, 2, SelectScheme.ThirdVoltage).SensedUa, 1e-12);

        var t = Uniform(6, 4, 1.0, new ArrayConfig { Preset = Draw.QuietTarget, Circuit = new CircuitParameters(0, 15e3) });
        (double sensed, double cell) = t.ReadCell(1, 2, SelectScheme.Floating);
        Assert.Equal(cell, sensed);
        Assert.Equal(v / ((1 / t.ConductancesUs[6]) + 0.015), cell, 1e-12);
    }

    [Fact]
    public void Half_selected_devices_above_threshold_move_by_their_fraction_of_a_pulse_under_v2_and_not_under_v3()
    {
        // Write 2 V, threshold 0.8 V: V/2 = 1 V moves the selected lines' devices by (1 − 0.8)/(2 − 0.8) = 1/6 of a pulse;
        // V/3 = 0.67 V is below threshold and moves nothing.
        var preset = DevicePresets.NeuroSimTarget with { Name = "thresholded", ThresholdV = 0.8, Device = DevicePresets.NeuroSimTarget.Device with { CycleToCycleSigma = 0 } };
        foreach (SelectScheme scheme in new[] { SelectScheme.HalfVoltage, SelectScheme.ThirdVoltage })
        {
            var a = new CrossbarArray(4, 5, new ArrayConfig { Preset = preset, WriteScheme = scheme }, seed: 2);
            double[] before = a.ConductancesUs.ToArray();
            a.Pulse(1, 3, 1);
            for (int k = 0; k < 20; k++)
            {
                double expected = k == 8 ? preset.Device.Apply(before[k], 1)
                    : scheme == SelectScheme.HalfVoltage && (k / 5 == 1 || k % 5 == 3) ? before[k] + ((preset.Device.Apply(before[k], 1) - before[k]) / 6)
                    : before[k];
                Assert.Equal(expected, a.ConductancesUs[k], 1e-12);
            }

            Assert.Equal(1, a.Energy.Pulses); // a partial pulse is a disturb, not a programming pulse
        }
    }
}
