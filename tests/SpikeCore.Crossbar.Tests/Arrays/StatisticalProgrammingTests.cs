using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Devices;

namespace SpikeCore.Crossbar.Tests.Arrays;

public class StatisticalProgrammingTests
{
    [Fact]
    public void Pcm_devices_land_around_their_targets_with_the_models_programming_spread()
    {
        // σ_P(ĝ) = max(−1.1731 ĝ² + 1.9650 ĝ + 0.26348, 0) µS at g_max = 25 µS: 1.21 µS at 12.5 µS, 0.63 at 5 µS.
        foreach ((double target, double sigma) in new[] { (12.5, (-1.1731 * 0.25) + (1.9650 * 0.5) + 0.26348), (5.0, (-1.1731 * 0.04) + (1.9650 * 0.2) + 0.26348) })
        {
            var a = new CrossbarArray(100, 100, new ArrayConfig { Preset = DevicePresets.PcmGst }, seed: 6);
            ProgrammingReport r = a.Program(Enumerable.Repeat(target, 10_000).ToArray(), ProgrammingScheme.Statistical);
            double[] g = a.ConductancesUs.ToArray();
            double mean = g.Average(), sd = Math.Sqrt(g.Average(x => (x - mean) * (x - mean)));
            Assert.InRange(mean, target - (4 * sigma / 100), target + (4 * sigma / 100));
            Assert.InRange(sd / sigma, 1 - (4 / Math.Sqrt(2 * 10_000.0)), 1 + (4 / Math.Sqrt(2 * 10_000.0)));
            Assert.Equal(0, r.Pulses);
        }

        Assert.Throws<InvalidOperationException>(() => new CrossbarArray(2, 2, new ArrayConfig { Preset = DevicePresets.AgSi }, seed: 1).Program([0.01, 0.01, 0.01, 0.01], ProgrammingScheme.Statistical));
    }
}
