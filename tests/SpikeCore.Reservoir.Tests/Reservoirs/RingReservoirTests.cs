using SpikeCore.Models.Synapses;
using SpikeCore.Reservoir.Reservoirs;

namespace SpikeCore.Reservoir.Tests.Reservoirs;

public class RingReservoirTests
{
    private static readonly RingReservoirOptions s_small = new() { Nodes = 3 };

    [Fact]
    public void Each_feature_is_the_conductance_of_the_device_holding_its_mask_entry_by_a_fine_step_reference()
    {
        var ring = new RingReservoir(s_small, seed: 4);
        var r = new System.Random(2);
        double[] input = [.. Enumerable.Range(0, 10).Select(_ => r.NextDouble())];
        double[][] states = ring.Run(input);
        DiffusiveMemristor m = s_small.Device;
        double gamma1 = m.Gamma1PerS / 1000, k = m.GrowthRatePerS / 1000; // per ms

        // Reference: forward Euler at 0.02 µs on df/dt = k min(1, μ|V|/(α + 1 − f)) − γ1 f (β = 0), device by device; at
        // step s device n is pulsed with mask entry (n + s) mod 3 and is read as that feature, then relaxes.
        for (int n = 0; n < 3; n++)
        {
            double f = 0;
            const double h = 2e-5;
            for (int step = 0; step < input.Length; step++)
            {
                int j = (n + step) % 3;
                double v = s_small.BiasV + (s_small.InputV * ring.Mask(j) * (input[step] - 0.5));
                for (double t = 0; t < s_small.PulseWidthMs - 1e-9; t += h)
                {
                    f += h * ((k * Math.Min(1, m.Mu * Math.Abs(v) / (m.Alpha + 1 - f))) - (gamma1 * f));
                }

                Assert.Equal(m.OnResistanceKohm / m.ResistanceKohm(f), states[step][j], 2e-4 * states[step][j]);
                f *= Math.Exp(-gamma1 * (s_small.StepMs - s_small.PulseWidthMs));
            }
        }
    }

    [Fact]
    public void Same_seed_same_ring_and_bad_input_is_named()
    {
        double[] input = [0.1, 0.9, 0.4, 0.7];
        Assert.Equal(new RingReservoir(s_small with { Nodes = 20 }, 7).Run(input), new RingReservoir(s_small with { Nodes = 20 }, 7).Run(input));
        Assert.NotEqual(new RingReservoir(s_small with { Nodes = 20 }, 7).Run(input), new RingReservoir(s_small with { Nodes = 20 }, 8).Run(input));
        Assert.Contains("step 1", Assert.Throws<ArgumentException>(() => new RingReservoir(s_small, 1).Run([0.2, double.NaN])).Message, StringComparison.Ordinal);
        Assert.Contains("nodes", Assert.Throws<ArgumentException>(() => new RingReservoir(s_small with { Nodes = 1 }, 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_delay_line_control_holds_the_last_inputs()
    {
        double[][] taps = DelayLine.Run([0.1, 0.2, 0.3, 0.4], 3);
        Assert.Equal([0.1, 0, 0], taps[0]);
        Assert.Equal([0.3, 0.2, 0.1], taps[2]);
        Assert.Equal([0.4, 0.3, 0.2], taps[3]);
    }
}
