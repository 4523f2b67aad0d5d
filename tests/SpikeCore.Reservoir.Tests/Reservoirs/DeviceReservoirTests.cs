using SpikeCore.Models.Synapses;
using SpikeCore.Reservoir.Reservoirs;

namespace SpikeCore.Reservoir.Tests.Reservoirs;

public class DeviceReservoirTests
{
    private static readonly DeviceReservoirOptions s_small = new() { DevicesPerChannel = 2, VirtualNodes = 3 };

    private static double[][] Input(int steps, int channels, int seed)
    {
        var r = new System.Random(seed);
        return Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, channels).Select(_ => r.NextDouble()).ToArray()).ToArray();
    }

    [Fact]
    public void Virtual_nodes_are_the_conductance_after_each_masked_pulse_of_a_fine_step_reference()
    {
        var reservoir = new DeviceReservoir(s_small, channels: 2, seed: 5);
        double[][] input = Input(12, 2, 1);
        double[][] states = reservoir.Run(input);
        DiffusiveMemristor m = s_small.Device;

        // Reference: forward Euler at 0.1 µs on df/dt = k min(1, μ|V|/(α + 1 − f)) − γ1 f (β = 0, so r stays 0),
        // V the masked pulse during each pulse and 0 between them; the read is R_on/R(f) right after each pulse.
        for (int c = 0; c < 2; c++)
        {
            for (int d = 0; d < 2; d++)
            {
                double gamma1 = reservoir.Gamma1PerS(c, d) / 1000, k = m.GrowthRatePerS / 1000; // per ms
                double f = 0;
                const double h = 1e-4;
                for (int step = 0; step < input.Length; step++)
                {
                    for (int i = 0; i < 3; i++)
                    {
                        int node = (d * 3) + i;
                        double v = s_small.MaxVoltageV * reservoir.Mask(c, node) * input[step][c];
                        for (double t = 0; t < s_small.PulseWidthMs - 1e-9; t += h)
                        {
                            f += h * ((k * Math.Min(1, m.Mu * v / (m.Alpha + 1 - f))) - (gamma1 * f));
                        }

                        Assert.Equal(m.OnResistanceKohm / m.ResistanceKohm(f), states[step][(c * 6) + node], 2e-4 * states[step][(c * 6) + node]);
                        f *= Math.Exp(-gamma1 * (s_small.NodeIntervalMs - s_small.PulseWidthMs));
                    }
                }
            }
        }
    }

    [Fact]
    public void Zero_input_leaves_every_device_off_and_an_old_input_fades()
    {
        var reservoir = new DeviceReservoir(s_small with { DecaySpread = 0 }, channels: 1, seed: 2); // every device τ = 1/γ1 ≈ 3.4 ms
        double off = s_small.Device.OnResistanceKohm / s_small.Device.ResistanceKohm(0);
        double[][] quiet = Enumerable.Range(0, 5).Select(_ => new[] { 0.0 }).ToArray();
        Assert.All(reservoir.Run(quiet).SelectMany(x => x), g => Assert.Equal(off, g, 1e-15));

        // Two inputs that differ only at step 0: the difference in f decays as e^(−γ1 t), by e^(−22) over the 75 ms to step 59.
        double[][] a = Input(60, 1, 3), b = a.Select(x => (double[])x.Clone()).ToArray();
        b[0][0] = 1 - a[0][0];
        double[][] sa = reservoir.Run(a), sb = reservoir.Run(b);
        double first = sa[1].Zip(sb[1], (x, y) => Math.Abs(x - y)).Max(), late = sa[59].Zip(sb[59], (x, y) => Math.Abs(x - y)).Max();
        Assert.True(first > 1e-9, $"the input leaves a trace ({first})");
        Assert.True(late < first * 1e-6, $"and the trace fades ({first} → {late})");
    }

    [Fact]
    public void Same_seed_same_reservoir_and_bad_input_is_named()
    {
        double[][] input = Input(8, 2, 4);
        Assert.Equal(new DeviceReservoir(s_small, 2, 7).Run(input), new DeviceReservoir(s_small, 2, 7).Run(input));
        Assert.NotEqual(new DeviceReservoir(s_small, 2, 7).Run(input), new DeviceReservoir(s_small, 2, 8).Run(input));
        var reservoir = new DeviceReservoir(s_small, 2, 7);
        Assert.Equal(12, reservoir.Size);
        Assert.Contains("step 1, channel 0", Assert.Throws<ArgumentException>(() => reservoir.Run([[0.1, 0.2], [double.NaN, 0.2]])).Message, StringComparison.Ordinal);
        Assert.Contains("1 channels", Assert.Throws<ArgumentException>(() => reservoir.Run([[0.1]])).Message, StringComparison.Ordinal);
        ArgumentException e = Assert.Throws<ArgumentException>(() => new DeviceReservoir(s_small with { VirtualNodes = 0, PulseWidthMs = 2 }, 1, 1));
        Assert.Contains("virtual nodes", e.Message, StringComparison.Ordinal);
        Assert.Contains("pulse width", e.Message, StringComparison.Ordinal);
    }
}
