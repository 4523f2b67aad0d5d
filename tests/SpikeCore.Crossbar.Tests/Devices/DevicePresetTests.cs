using SpikeCore.Crossbar.Devices;

namespace SpikeCore.Crossbar.Tests.Devices;

public class DevicePresetTests
{
    public static TheoryData<string> Names => [.. DevicePresets.All.Select(p => p.Name)];

    /// <summary>The noiseless curve from G_min by potentiation, or from G_max by depression, pulse by pulse.</summary>
    private static double[] Curve(DevicePreset p, bool potentiate)
    {
        var d = p.Device;
        int n = d.PulsesAcrossRange(potentiate);
        var g = new double[n + 1];
        g[0] = potentiate ? d.MinConductanceUs : d.MaxConductanceUs;
        for (int k = 1; k <= n; k++)
        {
            g[k] = d.Apply(g[k - 1], potentiate ? 1 : -1);
        }

        return g;
    }

    /// <summary>NeuroSim's label: the normalised curve's largest distance above the straight line, over 0.0990 (its NL = 1 curve's).</summary>
    private static double Label(double[] curve, double minUs, double maxUs, bool potentiate)
    {
        int n = curve.Length - 1;
        double deviation = Enumerable.Range(0, n + 1).Max(k =>
            (potentiate ? (curve[k] - minUs) : (maxUs - curve[k])) / (maxUs - minUs) - ((double)k / n));
        return (potentiate ? 1 : -1) * deviation / 0.0990;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_curve_crosses_the_range_in_its_stated_pulses_with_its_stated_nonlinearity(string name)
    {
        DevicePreset p = DevicePresets.Find(name)!;
        var d = p.Device;
        foreach (bool up in new[] { true, false })
        {
            double[] curve = Curve(p, up);
            Assert.Equal(up ? d.MaxConductanceUs : d.MinConductanceUs, curve[^1], 1e-9 * d.MaxConductanceUs);
            Assert.True(up ? curve[^2] < d.MaxConductanceUs * (1 - 1e-6) : curve[^2] > d.MinConductanceUs + 1e-6 * d.MaxConductanceUs, "one pulse fewer stays short of the bound");
            double? stated = up ? p.PotentiationNonlinearity : p.DepressionNonlinearity;
            if (stated is { } nl)
            {
                // Sampled at whole pulses the largest deviation falls up to half a pulse off the continuum's maximum.
                Assert.Equal(nl, Label(curve, d.MinConductanceUs, d.MaxConductanceUs, up), Math.Max(0.03 * Math.Abs(nl), 0.01));
            }
        }
    }

    [Fact]
    public void The_measured_devices_have_neurosims_table_ranges()
    {
        // TCAD 2018 Table I: R_ON and ON/OFF ratio.
        foreach ((DevicePreset p, double ronOhm, double onOff) in new[]
        {
            (DevicePresets.AgSi, 26e6, 12.5), (DevicePresets.AlOxHfO2, 16.9e3, 4.43), (DevicePresets.TaOxTiO2, 5e6, 2.0),
            (DevicePresets.Pcmo, 23e6, 6.84), (DevicePresets.NeuroSimTarget, 200e3, 50.0),
        })
        {
            Assert.Equal(1e6 / ronOhm, p.Device.MaxConductanceUs, 0.002 * p.Device.MaxConductanceUs);
            Assert.Equal(onOff, p.OnOffRatio, 1e-9 * onOff);
        }

        Assert.Equal([97, 40, 102, 50, 64], new[] { DevicePresets.AgSi, DevicePresets.AlOxHfO2, DevicePresets.TaOxTiO2, DevicePresets.Pcmo, DevicePresets.NeuroSimTarget }.Select(p => p.Levels));
        Assert.Equal(100, DevicePresets.AgSi.Device.PulsesAcrossRange(potentiating: false));
    }

    [Fact]
    public void The_pcm_set_curve_follows_aihwkits_pcm_preset_to_within_its_stated_fit()
    {
        // aihwkit's exponential step, written out here: w += dw_min (1 − A_up e^(γ z)), z = 2 a w / (w_max − w_min) + b,
        // a = −1, b = 0, γ = 2.5, A_up = −27.235, dw_min = 0.01, on [0, 2], clipped at w_max.
        var w = new List<double> { 0 };
        while (w[^1] < 2)
        {
            double z = 2 * -1.0 * w[^1] / 2.0;
            w.Add(Math.Min(2, w[^1] + (0.01 * Math.Max(1 + (27.235 * Math.Exp(2.5 * z)), 0))));
        }

        double[] ours = Curve(DevicePresets.PcmGst, potentiate: true);
        Assert.Equal(w.Count, ours.Length);
        double rms = Math.Sqrt(w.Select((x, k) => Math.Pow((x / 2) - (ours[k] / 25), 2)).Average());
        Assert.InRange(rms, 0, 0.065);
        Assert.Equal(DevicePresets.PcmGst.Device.MinConductanceUs, DevicePresets.PcmGst.Device.Apply(25, -1), 1e-9); // RESET
    }

    [Fact]
    public void Table_1_marks_what_each_preset_meets()
    {
        Assert.Equal(Table1.Targets, Table1.Met(DevicePresets.Table1Target));
        Assert.Equal(["levels", "nl_potentiation"], Table1.Met(DevicePresets.AgSi)); // ON/OFF 12.5, NL_LTD −4.88, 63.8 pJ
        Assert.Equal(["on_off_ratio", "levels", "nl_potentiation"], Table1.Met(DevicePresets.PcmGst)); // RESET is abrupt; drift stands for retention
        Assert.Equal(63.8e3, DevicePresets.AgSi.WriteEnergyFj, 0.1e3); // 3.2² V² × 20.77 nS × 300 µs
    }
}
