using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Crossbar.Devices;

namespace SpikeCore.Crossbar.Tests.Computing;

public class ArrayCouplingsTests
{
    private static double[] Couplings(int n)
    {
        var j = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int k = i + 1; k < n; k++)
            {
                j[(i * n) + k] = j[(k * n) + i] = ((i * 7) + (k * 3)) % 5 - 2;
            }
        }

        return j;
    }

    [Fact]
    public void Fields_read_from_the_arrays_are_the_couplings_times_the_state_within_the_devices_resolution()
    {
        const int n = 40;
        double[] j = Couplings(n);
        var arrays = new ArrayCouplings(j, n, AnalogMatrixConfig.For(DevicePresets.Table1Target), seed: 1);
        var rng = new System.Random(2);
        sbyte[] s = [.. Enumerable.Range(0, n).Select(_ => rng.Next(2) == 0 ? (sbyte)-1 : (sbyte)1)];
        var h = new double[n];
        arrays.Fields(s, h);
        // 64 levels over ±2 (reference column): a coupling is off by at most about one level step, 4/64; 39 of them add.
        for (int i = 0; i < n; i++)
        {
            double exact = Enumerable.Range(0, n).Sum(k => j[(i * n) + k] * s[k]);
            Assert.True(Math.Abs(h[i] - exact) < 39 * 4.0 / 64, $"h_{i} = {h[i]}, exact {exact}");
        }

        double[] effective = arrays.Effective();
        Assert.True(Enumerable.Range(0, n * n).Max(k => Math.Abs(effective[k] - j[k])) < 4.0 / 64 + (2.0 * Math.Sqrt(n) * 2 / 511), "each coupling within a level step and an ADC step");
        Assert.True(arrays.Energy.Reads >= n + 1);
    }

    [Fact]
    public void Drifting_pcm_couplings_shrink_without_compensation()
    {
        const int n = 30;
        double[] j = Couplings(n);
        var arrays = new ArrayCouplings(j, n, AnalogMatrixConfig.For(DevicePresets.PcmGst), seed: 3);
        double Scale(double[] e) => Enumerable.Range(0, n * n).Sum(k => e[k] * j[k]) / j.Sum(v => v * v);
        double now = Scale(arrays.Effective(1)), year = Scale(arrays.Effective(3.15e7));
        Assert.InRange(now, 0.8, 1.2);
        Assert.True(year < 0.8 * now, $"a year's drift: {year} vs {now}");
    }
}
