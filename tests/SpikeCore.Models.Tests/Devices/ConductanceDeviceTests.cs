using SpikeCore.Models.Devices;
using SpikeCore.Random;

namespace SpikeCore.Models.Tests.Devices;

public class ConductanceDeviceTests
{
    private static double Normalised(ConductanceDevice d, double g) => (g - d.MinConductanceUs) / d.RangeUs;

    [Fact]
    public void Real_device_reproduces_neurosims_curve()
    {
        // MODELS.md: normalised G after 1, 4, 8, 16, 24, 31 pulses, LTP from G_min and LTD from G_max.
        SaturatingExponentialDevice d = SaturatingExponentialDevice.RealDevice;
        int[] pulses = [1, 4, 8, 16, 24, 31];
        double[] ltp = [0.123, 0.411, 0.656, 0.890, 0.973, 1.0];
        double[] ltd = [0.877, 0.589, 0.344, 0.110, 0.027, 0.0];
        Assert.Equal(7.74, d.PulseScale, 0.01);
        for (int k = 0; k < pulses.Length; k++)
        {
            Assert.Equal(ltp[k], Normalised(d, d.Apply(d.MinConductanceUs, pulses[k])), 1e-3);
            Assert.Equal(ltd[k], Normalised(d, d.Apply(d.MaxConductanceUs, -pulses[k])), 1e-3);
        }

        // Pulses compose: 8 single pulses = one burst of 8.
        double g = d.MinConductanceUs;
        for (int k = 0; k < 8; k++)
        {
            g = d.Apply(g, 1);
        }

        Assert.Equal(d.Apply(d.MinConductanceUs, 8), g, 1e-12);
    }

    [Theory]
    [InlineData(1.51, 0.8195)]
    [InlineData(3.01, 0.3853)]
    [InlineData(4.51, 0.2266)]
    [InlineData(6.01, 0.1351)]
    [InlineData(7.51, 0.0702)]
    public void Nonlinearity_labels_give_neurosims_pulse_scales(double nonlinearity, double normalisedScale)
    {
        // NeuroSim's table A_norm(NL), reproduced through the 0.0990 × NL largest-deviation identity.
        SaturatingExponentialDevice d = SaturatingExponentialDevice.FromNonlinearity(nonlinearity);
        Assert.Equal(normalisedScale, d.PulseScale / d.MaxPulses, 2e-3 * normalisedScale);
    }

    [Fact]
    public void Changes_smaller_than_a_pulse_are_truncated_or_rounded_stochastically()
    {
        var linear = new LinearStepDevice { MinConductanceUs = 0, MaxConductanceUs = 10, MaxPulses = 100 }; // 0.1 µS per pulse
        var rng = KeyedRandom.Create(1, 2, 3);
        Assert.Equal((5.0, 0), linear.Program(5, 5.09, 1, ref rng));
        Assert.Equal(5.3, linear.Program(5, 5.35, 1, ref rng).ConductanceUs, 1e-12);
        Assert.Equal(4.7, linear.Program(5, 4.65, 1, ref rng).ConductanceUs, 1e-12);

        var stochastic = linear with { Rounding = PulseRounding.Stochastic };
        double mean = Enumerable.Range(0, 20000).Average(_ => stochastic.Program(5, 5.025, 1, ref rng).ConductanceUs - 5);
        Assert.Equal(0.025, mean, 0.002); // a quarter pulse on average
    }

    [Fact]
    public void Cycle_to_cycle_noise_grows_with_the_square_root_of_the_pulses()
    {
        var d = new LinearStepDevice { MinConductanceUs = 0, MaxConductanceUs = 100, MaxPulses = 1000, CycleToCycleSigma = 0.001 };
        var rng = KeyedRandom.Create(4, 5, 6);
        foreach (int n in new[] { 1, 9, 25 })
        {
            double[] changes = Enumerable.Range(0, 20000).Select(_ => d.Program(50, 50 + (0.1 * n), 1, ref rng).ConductanceUs - 50).ToArray();
            double mean = changes.Average(), sd = Math.Sqrt(changes.Average(c => (c - mean) * (c - mean)));
            Assert.Equal(0.1 * n, mean, 0.01);
            Assert.Equal(0.1 * Math.Sqrt(n), sd, 0.05 * 0.1 * Math.Sqrt(n));
        }
    }

    [Fact]
    public void Device_to_device_spread_is_fixed_per_device_and_scales_the_response()
    {
        var d = SaturatingExponentialDevice.RealDevice with { DeviceToDeviceSigma = 0.2 };
        Assert.Equal(d.Spread(9, 17), d.Spread(9, 17));
        double[] spreads = Enumerable.Range(0, 5000).Select(k => d.Spread(9, (ulong)k)).ToArray();
        double mean = spreads.Average(), sd = Math.Sqrt(spreads.Average(s => (s - mean) * (s - mean)));
        Assert.Equal(1, mean, 0.01);
        Assert.Equal(0.2, sd, 0.01);
        Assert.NotEqual(d.Apply(d.MinConductanceUs, 5, 0.8), d.Apply(d.MinConductanceUs, 5, 1.2));
        Assert.Equal(1, (SaturatingExponentialDevice.RealDevice with { DeviceToDeviceSigma = 0 }).Spread(9, 17));
    }

    [Fact]
    public void Step_models_are_bounded_and_match_their_limits()
    {
        var linear = new LinearStepDevice { MinConductanceUs = 1, MaxConductanceUs = 11, MaxPulses = 50 };
        Assert.Equal(1 + (10 * 7 / 50.0), linear.Apply(1, 7), 1e-12);
        Assert.Equal(11, linear.Apply(1, 80), 1e-12);

        // Power step: γ = 0 is the linear device; γ = 1 moves by δ ω, a geometric approach to G_max.
        var power0 = new PowerStepDevice { MinConductanceUs = 1, MaxConductanceUs = 11, MaxPulses = 50, PotentiationExponent = 0, DepressionExponent = 0 };
        Assert.Equal(linear.Apply(1, 7), power0.Apply(1, 7), 1e-12);
        var power1 = power0 with { PotentiationExponent = 1 };
        Assert.Equal(11 - (10 * Math.Pow(1 - (1 / 50.0), 7)), power1.Apply(1, 7), 1e-9);

        // Exponential step: P_max pulses from G_min come close to G_max, steps shrink on the way, never past the bounds.
        var exp = new ExponentialStepDevice { MinConductanceUs = 1, MaxConductanceUs = 11, MaxPulses = 100 };
        double g = exp.Apply(1, 100);
        Assert.InRange(g, 10.6, 11);
        Assert.True(exp.Apply(1, 1) - 1 > exp.Apply(9, 1) - 9);
        Assert.Equal(1, exp.Apply(11, -1000), 1e-12);
    }

    [Fact]
    public void Lookup_table_reproduces_the_device_it_was_measured_from()
    {
        SaturatingExponentialDevice real = SaturatingExponentialDevice.RealDevice;
        double[] up = Enumerable.Range(0, 32).Select(p => real.Apply(real.MinConductanceUs, p)).ToArray();
        double[] down = Enumerable.Range(0, 32).Select(p => real.Apply(real.MaxConductanceUs, -p)).ToArray();
        var table = new LookupTableDevice(up, down);
        foreach (double g in new[] { 0.476, 2.0, 5.5, 9.9 })
        {
            foreach (int n in new[] { 1, 3, 10, -1, -4, -12 })
            {
                Assert.Equal(real.Apply(g, n), table.Apply(g, n), 0.03);
            }
        }

        Assert.Equal(up[7], table.Apply(up[3], 4), 1e-12); // on the measured points: exact
    }

    [Fact]
    public void Lookup_table_csv_errors_name_the_line()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        string Write(string text)
        {
            string path = Path.Combine(dir, $"{Guid.NewGuid():N}.csv");
            File.WriteAllText(path, text);
            return path;
        }

        LookupTableDevice ok = LookupTableDevice.ReadCsv(Write("pulse,potentiation_us,depression_us\n0,1,5\n1,3,2\n2,5,1\n"));
        Assert.Equal(3, ok.Apply(1, 1), 1e-12);
        Assert.Equal(2, ok.MaxPulses);
        Assert.Contains("expected the header", Assert.Throws<InvalidDataException>(() => LookupTableDevice.ReadCsv(Write("p,g\n0,1\n"))).Message);
        Assert.Contains(":3: 'x' is not a finite number", Assert.Throws<InvalidDataException>(() => LookupTableDevice.ReadCsv(Write("pulse,potentiation_us,depression_us\n0,1,5\n1,x,2\n2,5,1\n"))).Message);
        Assert.Contains(":3: pulse counts must run", Assert.Throws<InvalidDataException>(() => LookupTableDevice.ReadCsv(Write("pulse,potentiation_us,depression_us\n0,1,5\n2,3,2\n"))).Message);
        Assert.Contains("potentiation_us: must rise strictly", Assert.Throws<InvalidDataException>(() => LookupTableDevice.ReadCsv(Write("pulse,potentiation_us,depression_us\n0,1,5\n1,0.5,2\n2,5,1\n"))).Message);
        Assert.Contains(":2: expected 3", Assert.Throws<InvalidDataException>(() => LookupTableDevice.ReadCsv(Write("pulse,potentiation_us,depression_us\n0,1\n"))).Message);
        Assert.Throws<FileNotFoundException>(() => LookupTableDevice.ReadCsv(Path.Combine(dir, "missing.csv")));
    }
}
