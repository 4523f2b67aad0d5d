using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Crossbar.Training;
using SpikeCore.Models.Devices;

namespace SpikeCore.Crossbar.Tests.Training;

/// <summary>The update rules of an array-held layer against hand-computed pulses and weights, on noiseless linear devices.</summary>
public class UpdateRuleTests
{
    // A linear device of 0-10 µS in 100 pulses; with w_max 1 and a reference column, a unit weight is 5 µS and one pulse
    // (0.1 µS) is Δw_min = 0.02.
    private static readonly DevicePreset Linear = DevicePresets.Table1Target with
    {
        Name = "linear",
        Device = new LinearStepDevice { MinConductanceUs = 0, MaxConductanceUs = 10, MaxPulses = 100 },
    };

    private static AnalogMatrixConfig Config(WeightMapping mapping = WeightMapping.ReferenceColumn) => new()
    {
        Array = new ArrayConfig { Preset = Linear },
        Mapping = mapping,
        MaxWeight = 1,
    };

    private static AnalogDense Layer(TrainingAlgorithm algorithm, double[] weights, WeightMapping mapping = WeightMapping.ReferenceColumn, int manhattanBatch = 1) =>
        new(2, 2, weights, Config(mapping), algorithm, seed: 5) { ManhattanBatch = manhattanBatch };

    [Fact]
    public void The_weight_step_is_one_pulse_of_the_linear_device()
    {
        Assert.Equal(0.02, new AnalogMatrix(2, 2, Config(), 1).WeightStep, 12);
        Assert.Equal(0.01, new AnalogMatrix(2, 2, Config(WeightMapping.Differential), 1).WeightStep, 12); // a unit weight is 10 µS
    }

    [Fact]
    public void Mixed_precision_pulses_whole_steps_and_keeps_the_remainder()
    {
        // Δw = −η x d: with η 1, x (0.5, 0) and d (−0.1, 0.03): Δw_00 = +0.05 → 2 pulses (0.04), χ 0.01; Δw_01 = −0.015 → none.
        // A second identical update: χ_00 0.06 → 3 pulses, χ 0; χ_01 −0.03 → −1 pulse, χ −0.01.
        AnalogDense layer = Layer(TrainingAlgorithm.MixedPrecision, [0.2, -0.2, 0.1, 0.3]);
        double[] before = layer.Weights();
        layer.Update([0.5, 0], [-0.1, 0.03], 1);
        double[] once = layer.Weights();
        Assert.Equal(0.04, once[0] - before[0], 9);
        Assert.Equal(0, once[1] - before[1], 12);
        Assert.Equal(once[2..], before[2..]);
        layer.Update([0.5, 0], [-0.1, 0.03], 1);
        double[] twice = layer.Weights();
        Assert.Equal(0.06, twice[0] - once[0], 9);
        Assert.Equal(-0.02, twice[1] - once[1], 9);
    }

    [Fact]
    public void Manhattan_takes_one_step_of_the_batch_sign_on_every_weight_with_an_update()
    {
        // Batch of two: S = −η Σ x dᵀ over (x (1, 0), d (0.3, −0.2)) and (x (1, 0), d (−0.1, 0.5)) = (−0.2, −0.3) on row 0,
        // 0 on row 1: one step down on both weights of row 0 after the second sample, nothing after the first.
        AnalogDense layer = Layer(TrainingAlgorithm.Manhattan, [0.2, -0.2, 0.1, 0.3], manhattanBatch: 2);
        double[] before = layer.Weights();
        layer.Update([1, 0], [0.3, -0.2], 1);
        Assert.Equal(before, layer.Weights());
        layer.Update([1, 0], [-0.1, 0.5], 1);
        double[] after = layer.Weights();
        Assert.Equal(-0.02, after[0] - before[0], 9);
        Assert.Equal(-0.02, after[1] - before[1], 9);
        Assert.Equal(before[2..], after[2..]);
    }

    [Fact]
    public void Write_verify_lands_within_its_tolerance_and_carries_what_the_device_did_not_take()
    {
        // Δw_00 = +0.07 (3.5 steps) is written by verify: the linear device lands at 3 or 4 pulses (tolerance: half a
        // step), and the remainder stays for the next update; Δw_01 = +0.01 is below one step: not written yet.
        AnalogDense layer = Layer(TrainingAlgorithm.WriteVerify, [0.2, -0.2, 0.1, 0.3]);
        double[] before = layer.Weights();
        layer.Update([1, 0], [-0.07, -0.01], 1);
        double[] after = layer.Weights();
        Assert.InRange(after[0] - before[0], 0.06 - 1e-9, 0.08 + 1e-9);
        Assert.Equal(0, after[1] - before[1], 12);

        // A second +0.01 on weight 1 makes 0.02 = one step: now it is written.
        layer.Update([1, 0], [0, -0.01], 1);
        Assert.Equal(0.02, layer.Weights()[1] - before[1], 9);
    }

    [Fact]
    public void One_sided_pairs_only_ever_potentiate_and_refresh_keeps_the_weight()
    {
        // Differential one-sided: raising weight 0 potentiates its G⁺, lowering weight 1 potentiates its G⁻.
        var m = new AnalogMatrix(1, 2, Config(WeightMapping.Differential), 3);
        m.Program([0.1, 0.1]);
        double[] g0 = m.Arrays[0].ConductancesUs.ToArray();
        m.Pulse([2, -3]);
        double[] g1 = m.Arrays[0].ConductancesUs.ToArray();
        Assert.Equal(0.2, g1[0] - g0[0], 9);  // G⁺ of weight 0: two pulses of 0.1 µS
        Assert.Equal(0, g1[1] - g0[1], 12);
        Assert.Equal(0, g1[2] - g0[2], 12);
        Assert.Equal(0.3, g1[3] - g0[3], 9);  // G⁻ of weight 1: three pulses
        Assert.Equal(0.12, m.Weights()[0], 9);
        Assert.Equal(0.07, m.Weights()[1], 9);

        // Climb both devices of weight 0 past 75% of the range; a refresh reprograms the pair to the same weight with G⁻ at G_min.
        m.Pulse([78, 0]);
        m.Pulse([-70, 0]);
        double w = m.Weights()[0];
        Assert.True(m.Arrays[0].ConductancesUs[0] > 7.5);
        Assert.Equal(1, m.Refresh());
        Assert.Equal(w, m.Weights()[0], 1);
        Assert.Equal(0, m.Arrays[0].ConductancesUs[1], 12);
        Assert.Equal(0, m.Refresh());
    }

    [Fact]
    public void Adjust_reports_the_change_each_weight_took()
    {
        var m = new AnalogMatrix(2, 2, Config(WeightMapping.Differential), 4);
        m.Program([0.1, -0.1, 0.3, 0]);
        double[] before = m.Weights(), achieved = new double[4];
        m.Adjust([0.05, -0.05, 0, 0.1], achieved);
        double[] after = m.Weights();
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(after[k] - before[k], achieved[k], 12);
        }

        Assert.InRange(achieved[0], 0.045, 0.055); // within half a step (0.005) of the change asked
        Assert.InRange(achieved[1], -0.055, -0.045);
        Assert.Equal(0, achieved[2]);
    }

    [Fact]
    public void The_symmetry_point_solves_up_step_equals_down_step()
    {
        // Saturating exponential: up(G) = (G_min + B_u − G)(1 − e^(−1/A_u)), down(G) = (G − G_max + B_d)(1 − e^(−1/A_d)),
        // B = range / (1 − e^(−P/A)); equal where G = (a_u (G_min + B_u) + a_d (G_max − B_d)) / (a_u + a_d).
        var d = (SaturatingExponentialDevice)DevicePresets.AgSi.Device;
        double Bu = d.RangeUs / -double.ExpM1(-d.MaxPulses / d.PulseScale), Bd = d.RangeUs / -double.ExpM1(-d.DepressionPulses / d.DepressionPulseScale);
        double au = -double.ExpM1(-1 / d.PulseScale), ad = -double.ExpM1(-1 / d.DepressionPulseScale);
        double expected = ((au * (d.MinConductanceUs + Bu)) + (ad * (d.MaxConductanceUs - Bd))) / (au + ad);
        Assert.Equal(expected, AnalogDense.SymmetryPointUs(d), 9);
        Assert.NotEqual(0.5 * (d.MinConductanceUs + d.MaxConductanceUs), expected, 3); // asymmetric: off the middle

        // A linear device is symmetric everywhere but at its bounds: the middle of the range.
        Assert.Equal(5, AnalogDense.SymmetryPointUs(Linear.Device), 6);
    }
}
