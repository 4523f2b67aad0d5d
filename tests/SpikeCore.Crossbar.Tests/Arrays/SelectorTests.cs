using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Circuit;
using SpikeCore.Crossbar.Devices;

namespace SpikeCore.Crossbar.Tests.Arrays;

public class SelectorTests
{
    private static CrossbarArray Uniform(Selector? selector)
    {
        var a = new CrossbarArray(6, 8, new ArrayConfig { Preset = Draw.QuietTarget, Selector = selector }, seed: 1);
        a.Program(Enumerable.Repeat(2.0, 48).ToArray(), ProgrammingScheme.WriteVerify, toleranceUs: 0.1);
        return a;
    }

    [Fact]
    public void A_selector_passes_its_ratio_less_current_at_half_voltage_and_shrinks_sneak_paths_as_it_grows()
    {
        // Stated at the read voltage, I(V_r/2) = I(V_r)/NL: a V/2 read senses g V_r (1 + (M − 1)/NL).
        double vr = Draw.QuietTarget.ReadVoltageV;
        var ten = Uniform(new Selector(10, vr, vr));
        double g = ten.ConductancesUs[0];
        Assert.Equal(g * vr * (1 + (5 / 10.0)), ten.ReadCell(2, 3, SelectScheme.HalfVoltage).SensedUa, 1e-9);

        // Floating lines: the classic sneak current of linear cells, less with every steeper selector.
        double previous = Uniform(null).ReadCell(2, 3, SelectScheme.Floating).SensedUa;
        Assert.Equal(g * vr * (1 + (5.0 * 7 / 13)), previous, 1e-9 * previous);
        foreach (double nl in new[] { 2.5, 4, 10, 100 })
        {
            double sensed = Uniform(new Selector(nl, vr, vr)).ReadCell(2, 3, SelectScheme.Floating).SensedUa;
            Assert.True(sensed < previous && sensed > g * vr, $"NL {nl}: {sensed} after {previous}");
            previous = sensed;
        }
    }

    [Fact]
    public void Forward_reads_through_selectors_are_linear_only_at_the_read_voltage()
    {
        double vr = Draw.QuietTarget.ReadVoltageV;
        var a = Uniform(new Selector(10, vr, vr));
        double g = a.ConductancesUs[0];
        var full = new double[8];
        var half = new double[8];
        a.Read(Enumerable.Repeat(vr, 6).ToArray(), full);
        a.Read(Enumerable.Repeat(vr / 2, 6).ToArray(), half);
        Assert.All(full, i => Assert.Equal(6 * g * vr, i, 1e-9));
        Assert.All(half, i => Assert.Equal(6 * g * vr / 10, i, 1e-9));
        Assert.Throws<ArgumentException>(() => new CrossbarArray(2, 2, new ArrayConfig { Selector = new Selector(10, 1, 0.5), Circuit = new CircuitParameters(1), IrDrop = IrDropModel.Exact }, seed: 1));
    }
}
