using SpikeCore.Optimization.Oscillators;
using SpikeCore.Random;

namespace SpikeCore.Optimization.Tests;

public class MottOscillatorBankTests
{
    private static readonly MottOscillator Device = MottOscillator.Vo2 with { NoiseScale = 20, StepNs = 40 };

    [Fact]
    public void Tabled_conductance_matches_the_formula_on_both_branches()
    {
        var bank = new MottOscillatorBank(Device, [12], [0], 1, 2);
        for (double t = 300; t < 450; t += 0.0137)
        {
            foreach (int branch in new[] { 1, -1 })
            {
                double exact = 1 / Device.ResistanceOhm(t, branch);
                Assert.True(Math.Abs(bank.Conductance(t, branch) - exact) <= 1e-6 * exact, $"T {t} K branch {branch}");
            }
        }
    }

    [Fact]
    public void Each_oscillator_follows_MottOscillator_Step_with_its_own_stream_whatever_the_order_it_is_advanced_in()
    {
        double[] bias = [11, 13.5, 12.2];
        double[] start = [0, 3, 5];
        var bank = new MottOscillatorBank(Device, bias, start, 9, 4);
        var spikes = new List<long>[3];
        var now = new long[3];
        for (int i = 0; i < 3; i++)
        {
            spikes[i] = [];
        }

        // Interleave the oscillators unevenly: 3 cycles of #2, then 5 of #0, then 4 of #1, ...
        foreach ((int i, int cycles) in new[] { (2, 3), (0, 5), (1, 4), (2, 2), (0, 1), (1, 2) })
        {
            for (int c = 0; c < cycles; c++)
            {
                long probe = now[i];
                now[i] = bank.AdvanceToSpike(i, now[i], 1_000_000);
                Assert.True(now[i] > probe);
                spikes[i].Add(now[i]);
            }
        }

        for (int i = 0; i < 3; i++)
        {
            // The reference: the oscillator's own Step and spike detector, fed the same deviates.
            var osc = Device with { BiasV = bias[i] };
            var rng = KeyedRandom.Create(9, 4, (ulong)i);
            var state = new MottState(start[i], Device.AmbientK, 1);
            bool armed = true;
            var reference = new List<long>();
            var voltages = new List<double> { state.VoltageV };
            for (long k = 1; reference.Count < spikes[i].Count; k++)
            {
                state = osc.Step(state, ZigguratNormal.Next(ref rng));
                voltages.Add(state.VoltageV);
                if (osc.Spiked(state, ref armed))
                {
                    reference.Add(k);
                }
            }

            Assert.Equal(reference, spikes[i]);
            long from = spikes[i][^2], to = spikes[i][^1];
            for (long k = from; k <= to; k++)
            {
                Assert.Equal(voltages[(int)k], bank.VoltageAt(i, k), 1e-4); // single-precision trace, tabled conductance (1e-6)
            }
        }
    }
}
