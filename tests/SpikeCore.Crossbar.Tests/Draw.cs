using SpikeCore.Crossbar.Devices;

namespace SpikeCore.Crossbar.Tests;

/// <summary>Seeded test data, a noiseless preset, and the naive products the arrays are checked against.</summary>
internal static class Draw
{
    /// <summary><paramref name="n"/> values uniform in [<paramref name="lo"/>, <paramref name="hi"/>).</summary>
    public static double[] Uniform(int n, double lo, double hi, int seed)
    {
        var rng = new System.Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => lo + ((hi - lo) * rng.NextDouble()))];
    }

    /// <summary>y = Wᵀ x for a row-major <paramref name="inputs"/> × <paramref name="outputs"/> matrix, by loops.</summary>
    public static double[] Product(double[] w, int inputs, int outputs, double[] x)
    {
        var y = new double[outputs];
        for (int i = 0; i < inputs; i++)
        {
            for (int j = 0; j < outputs; j++)
            {
                y[j] += w[(i * outputs) + j] * x[i];
            }
        }

        return y;
    }

    /// <summary>NeuroSim's target device without cycle-to-cycle noise: equal programming gives equal devices.</summary>
    public static DevicePreset QuietTarget { get; } = DevicePresets.NeuroSimTarget with { Name = "quiet", Device = DevicePresets.NeuroSimTarget.Device with { CycleToCycleSigma = 0 } };
}
