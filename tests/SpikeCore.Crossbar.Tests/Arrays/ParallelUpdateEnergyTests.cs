using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Models.Devices;

namespace SpikeCore.Crossbar.Tests.Arrays;

public class ParallelUpdateEnergyTests
{
    [Fact]
    public void Half_selected_devices_of_an_outer_product_cost_their_exposures()
    {
        // Every probability at least 1: every row with x ≠ 0 and every column with d ≠ 0 fire all BL slots. Devices where
        // both fire take BL pulses; devices where one fires are half-selected BL times, (V/2)² G t_w each; the rest rest.
        var preset = DevicePresets.NeuroSimTarget with { Name = "linear", Device = new LinearStepDevice { MinConductanceUs = 1, MaxConductanceUs = 11, MaxPulses = 100 } };
        var a = new CrossbarArray(3, 3, new ArrayConfig { Preset = preset }, seed: 2);
        double[] g = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        a.Program(g, ProgrammingScheme.OpenLoop);
        g = a.ConductancesUs.ToArray();
        double energyBefore = a.Energy.WriteJ;
        long pulses = a.UpdateOuterProduct([1, 0, 1], [1, 1, 0], learningRate: 0.04, bitLength: 4);

        // BL management: ⌈η max|x| max|d| / Δw⌉ = ⌈0.04 · 100⌉ = 4 slots; C = √(η / (4 Δw)) = 1: every train full.
        const int slots = 4;
        Assert.Equal(4 * slots, pulses); // rows 0, 2 × columns 0, 1
        double half = 0, v = preset.WriteVoltageV / 2;
        foreach ((int i, int j) in new[] { (0, 2), (2, 2), (1, 0), (1, 1) })
        {
            half += slots * g[(i * 3) + j];
        }

        double expected = (pulses * preset.WriteEnergyFj * 1e-15) + (v * v * preset.WritePulseS * 1e-6 * half);
        Assert.Equal(expected, a.Energy.WriteJ - energyBefore, expected * 1e-12);
        Assert.Equal(g[(1 * 3) + 2], a.ConductancesUs[(1 * 3) + 2]); // neither line fired
    }

    [Fact]
    public void A_preset_that_switches_at_half_its_write_voltage_is_refused_for_parallel_updates()
    {
        var preset = DevicePresets.AgSi with { ThresholdV = 1.0 }; // V/2 = 1.6 V > 1.0 V
        var a = new CrossbarArray(2, 2, new ArrayConfig { Preset = preset }, seed: 1);
        var e = Assert.Throws<InvalidOperationException>(() => a.UpdateOuterProduct([1, 1], [1, 1], 0.01));
        Assert.Contains("write device by device", e.Message, StringComparison.Ordinal);
    }
}
