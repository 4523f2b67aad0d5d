using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Circuit;
using SpikeCore.Crossbar.Devices;

namespace SpikeCore.Crossbar.Tests.Arrays;

public class CrossbarArrayTests
{
    private static double[] RandomTargets(CrossbarArray a, int seed)
    {
        var rng = new System.Random(seed);
        var d = a.Config.Preset.Device;
        return [.. Enumerable.Range(0, a.Rows * a.Columns).Select(_ => d.MinConductanceUs + (rng.NextDouble() * d.RangeUs))];
    }

    private static double[] RandomVolts(int n, int seed)
    {
        var rng = new System.Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 0.4) - 0.1)];
    }

    [Fact]
    public void Without_wire_resistance_a_read_is_the_ideal_product_forward_and_transposed()
    {
        var a = new CrossbarArray(12, 7, new ArrayConfig { Preset = DevicePresets.NeuroSimTarget }, seed: 1);
        a.Program(RandomTargets(a, 2));
        double[] v = RandomVolts(12, 3), u = RandomVolts(7, 4);
        var forward = new double[7];
        var back = new double[12];
        a.Read(v, forward);
        a.ReadTransposed(u, back);
        ReadOnlySpan<double> g = a.ConductancesUs;
        for (int j = 0; j < 7; j++)
        {
            double sum = 0;
            for (int i = 0; i < 12; i++)
            {
                sum += v[i] * g[(i * 7) + j];
            }

            Assert.Equal(sum, forward[j], 1e-12 * Math.Abs(sum) + 1e-15);
        }

        for (int i = 0; i < 12; i++)
        {
            double sum = 0;
            for (int j = 0; j < 7; j++)
            {
                sum += u[j] * g[(i * 7) + j];
            }

            Assert.Equal(sum, back[i], 1e-12 * Math.Abs(sum) + 1e-15);
        }
    }

    [Fact]
    public void The_exact_transposed_read_obeys_reciprocity_with_the_forward_read()
    {
        // A linear resistive network is reciprocal: the current into column j's ground per volt on row i's driver equals
        // the current into row i's driver per volt on column j's end. Forward responses to unit inputs give the matrix K;
        // a transposed read of any column voltages must be K u.
        var config = new ArrayConfig { Preset = DevicePresets.AlOxHfO2, Circuit = new CircuitParameters(2.5, 1e3), IrDrop = IrDropModel.Exact };
        var a = new CrossbarArray(9, 6, config, seed: 5);
        a.Program(RandomTargets(a, 6));
        var k = new double[9, 6];
        for (int i = 0; i < 9; i++)
        {
            var unit = new double[9];
            unit[i] = 1;
            var response = new double[6];
            a.Read(unit, response);
            for (int j = 0; j < 6; j++)
            {
                k[i, j] = response[j];
            }
        }

        double[] u = RandomVolts(6, 7);
        var rows = new double[9];
        a.ReadTransposed(u, rows);
        for (int i = 0; i < 9; i++)
        {
            double expected = Enumerable.Range(0, 6).Sum(j => k[i, j] * u[j]);
            Assert.Equal(expected, rows[i], 1e-9 * Math.Abs(expected));
        }

        // And the wires matter here: the exact response differs from the cell's own conductance by far more than 1e-9.
        Assert.True(Math.Abs(k[0, 0] - config.Circuit.CellConductanceUs(a.ConductancesUs[0])) > 1e-4 * k[0, 0]);
    }

    [Fact]
    public void Write_verify_reaches_its_tolerance_where_open_loop_programming_of_a_nonlinear_noisy_device_does_not()
    {
        var config = new ArrayConfig { Preset = DevicePresets.AgSi, Circuit = new CircuitParameters(0, 15e3) }; // 1T1R: no half-selected devices
        var openLoop = new CrossbarArray(16, 16, config, seed: 9);
        var verified = new CrossbarArray(16, 16, config, seed: 9);
        double[] targets = RandomTargets(openLoop, 10);
        double tolerance = 0.02 * config.Preset.Device.RangeUs;
        ProgrammingReport open = openLoop.Program(targets, ProgrammingScheme.OpenLoop);
        ProgrammingReport verify = verified.Program(targets, ProgrammingScheme.WriteVerify, tolerance, maxPulses: 2000);
        Assert.Equal(256, verify.Converged);
        Assert.True(verify.MaxErrorUs <= tolerance);
        Assert.True(open.RmsErrorUs > 3 * verify.RmsErrorUs, $"open loop {open.RmsErrorUs:E3} µS, write-verify {verify.RmsErrorUs:E3} µS");

        // Every pulse and verify read is counted: pulses × energy per pulse plus verify reads V_r² G t_r.
        Assert.Equal(verify.Pulses, verified.Energy.Pulses);
        Assert.True(verify.EnergyJ >= verify.Pulses * config.Preset.WriteEnergyFj * 1e-15);
        Assert.Equal(open.Pulses * config.Preset.WriteEnergyFj * 1e-15, open.EnergyJ, 1e-12 * open.EnergyJ);
    }

    [Fact]
    public void Stuck_devices_are_drawn_at_their_rate_and_never_move()
    {
        var config = new ArrayConfig { Preset = DevicePresets.NeuroSimTarget, StuckAtMaxFraction = 0.05, StuckAtMinFraction = 0.1 };
        var a = new CrossbarArray(100, 100, config, seed: 11);
        var d = config.Preset.Device;
        int stuck = Enumerable.Range(0, 10_000).Count(c => a.IsStuck(c / 100, c % 100));
        Assert.InRange(stuck, 1500 - (4 * 36), 1500 + (4 * 36)); // binomial(10^4, 0.15): sd 35.7
        double[] before = a.ConductancesUs.ToArray();
        a.Program(Enumerable.Repeat(0.5 * (d.MinConductanceUs + d.MaxConductanceUs), 10_000).ToArray());
        for (int c = 0; c < 10_000; c++)
        {
            if (a.IsStuck(c / 100, c % 100))
            {
                Assert.Equal(before[c], a.ConductancesUs[c]);
                Assert.Equal(0, a.PulseCount(c / 100, c % 100));
            }
        }

        Assert.InRange(a.ConductancesUs.ToArray().Count(g => g == d.MaxConductanceUs), 500 - (4 * 22), 500 + (4 * 22));
    }

    [Fact]
    public void A_device_fails_at_its_endurance_and_keeps_its_last_conductance()
    {
        var preset = DevicePresets.NeuroSimTarget with { Name = "short_lived", EnduranceCycles = 100 };
        var a = new CrossbarArray(1, 1, new ArrayConfig { Preset = preset, EnduranceLogSigma = 0 }, seed: 1);
        for (int k = 0; k < 99; k++)
        {
            a.Pulse(0, 0, k % 2 == 0 ? 1 : -1);
        }

        Assert.False(a.IsStuck(0, 0));
        double last = a.Pulse(0, 0, 1);
        Assert.True(a.IsStuck(0, 0));
        Assert.Equal(last, a.Pulse(0, 0, 5));
        Assert.Equal(100, a.PulseCount(0, 0));
    }

    [Fact]
    public void Read_noise_has_the_spread_of_independent_device_noise()
    {
        const double sigma = 0.03;
        var a = new CrossbarArray(32, 4, new ArrayConfig { Preset = DevicePresets.NeuroSimTarget, ReadNoise = sigma }, seed: 3);
        double[] v = RandomVolts(32, 5);
        var clean = new double[4];
        new CrossbarArray(32, 4, new ArrayConfig { Preset = DevicePresets.NeuroSimTarget }, seed: 3).Read(v, clean);
        const int reads = 4000;
        var sumSq = new double[4];
        var y = new double[4];
        for (int r = 0; r < reads; r++)
        {
            a.Read(v, y);
            for (int j = 0; j < 4; j++)
            {
                sumSq[j] += (y[j] - clean[j]) * (y[j] - clean[j]);
            }
        }

        double expected = sigma * DevicePresets.NeuroSimTarget.Device.MaxConductanceUs * Math.Sqrt(v.Sum(x => x * x));
        foreach (double s in sumSq)
        {
            Assert.InRange(Math.Sqrt(s / reads) / expected, 1 - (4 / Math.Sqrt(2.0 * reads)), 1 + (4 / Math.Sqrt(2.0 * reads)));
        }
    }

    [Fact]
    public void Pcm_read_noise_follows_a_device_written_after_the_first_read()
    {
        // 1/f noise σ = G σ_rel(G): one device of a 4 x 4 PCM array is SET from ~1 µS to far higher after the array was
        // read once, so its noise must be recomputed; only its row is driven, so column 0's spread is V σ(G_00) alone.
        PcmStatisticalModel pcm = DevicePresets.PcmGst.Drift!;
        var a = new CrossbarArray(4, 4, new ArrayConfig { Preset = DevicePresets.PcmGst }, seed: 5);
        a.Program(Enumerable.Repeat(1.0, 16).ToArray());
        double[] v = [0.2, 0, 0, 0];
        var y = new double[4];
        a.Read(v, y);
        a.Pulse(0, 0, 30);
        double g = a.ConductancesUs[0];
        Assert.True(g > 10, $"{g} µS");
        var clean = new double[4];
        IdealProduct(a, v, clean);
        const int reads = 4000;
        double sumSq = 0;
        for (int r = 0; r < reads; r++)
        {
            a.Read(v, y);
            sumSq += (y[0] - clean[0]) * (y[0] - clean[0]);
        }

        double expected = v[0] * g * pcm.ReadNoiseRelativeSigma(g, 0);
        Assert.InRange(Math.Sqrt(sumSq / reads) / expected, 1 - (4 / Math.Sqrt(2.0 * reads)), 1 + (4 / Math.Sqrt(2.0 * reads)));

        static void IdealProduct(CrossbarArray a, double[] v, double[] y)
        {
            for (int j = 0; j < a.Columns; j++)
            {
                y[j] = Enumerable.Range(0, a.Rows).Sum(i => v[i] * a.ConductancesUs[(i * a.Columns) + j]);
            }
        }
    }

    [Fact]
    public void Arrays_are_reproducible_by_seed_and_key_and_differ_between_keys()
    {
        var config = new ArrayConfig { Preset = DevicePresets.AgSi, StuckAtMinFraction = 0.02 };
        double[] Programmed(ulong seed, uint key)
        {
            var a = new CrossbarArray(8, 8, config, seed, key);
            a.Program(RandomTargets(a, 1), ProgrammingScheme.OpenLoop);
            return a.ConductancesUs.ToArray();
        }

        Assert.Equal(Programmed(4, 0), Programmed(4, 0));
        Assert.NotEqual(Programmed(4, 0), Programmed(4, 1));
        Assert.NotEqual(Programmed(4, 0), Programmed(5, 0));
    }

    [Fact]
    public void Pcm_drift_lowers_conductances_by_the_models_expected_factor_at_one_hour_and_one_day()
    {
        var preset = DevicePresets.PcmGst;
        var a = new CrossbarArray(64, 64, new ArrayConfig { Preset = preset }, seed: 21);
        a.Program(Enumerable.Repeat(12.5, 4096).ToArray(), ProgrammingScheme.WriteVerify, toleranceUs: 0.5);
        PcmStatisticalModel model = preset.Drift!;
        var ones = Enumerable.Repeat(1.0, 64).ToArray();
        var now = new double[64];
        a.Read(ones, now); // 1/f noise included: the column sums average it out
        foreach (double t in new[] { 3600.0, 86400.0 })
        {
            var later = new double[64];
            a.Read(ones, later, t);
            // E[((t + t0)/t0)^(−|ν|)] over ν ~ N(μ, σ) at each device's own programmed state, by quadrature.
            double expected = 0;
            foreach (double g in a.ConductancesUs)
            {
                (double mu, double s) = model.DriftExponent(g);
                double sum = 0, weight = 0;
                for (double z = -6; z <= 6; z += 0.01)
                {
                    double w = Math.Exp(-0.5 * z * z);
                    sum += w * g * model.DriftFactor(t, Math.Abs(mu + (s * z)));
                    weight += w;
                }

                expected += sum / weight;
            }

            double measured = later.Sum(), before = a.ConductancesUs.ToArray().Sum();
            Assert.Equal(expected / before, measured / before, 0.01);
            Assert.True(measured < now.Sum());
        }
    }
}
