using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Models.Devices;
using SpikeCore.Random;

namespace SpikeCore.Networks.Supervised;

/// <summary>
/// The memristive perceptron of Prezioso et al. (Nature 521, 61, 2015): 3 × 3 black-and-white letters z, v and n, each
/// with its nine one-pixel-flipped variants (30 patterns), classified by a single-layer perceptron on a passive 10 × 6
/// array (nine pixels and a bias on the rows; three outputs as differential column pairs), trained in situ by the
/// batch Manhattan rule through V/2 biasing, so half-selected devices see half the write voltage on every pulse.
/// </summary>
/// <remarks>
/// <code>
/// row voltages  x_j = ±V_read (pixel on/off), x_10 = +V_read (bias)
/// outputs       f_i = tanh(β (I⁺_i − I⁻_i)),  β = 1 / (V_read (G_max − G_min))
/// one epoch     δ_i(n) = (t_i(n) − f_i(n)) (1 − f_i(n)²),  t = ±1 one-hot
///               ΔW_ij = sign(Σ_n δ_i(n) x_j(n)):  G⁺_ij one pulse up and G⁻_ij one pulse down for ΔW > 0 (and the
///               reverse), device by device with the write scheme's half-selection
/// </code>
/// A pattern is classified right when its target output is positive and the others negative (each output's sign right). The paper converged in about 23 epochs
/// ([unverified] from memory; the research notes flag it). The device is illustrative (<see cref="Device"/>), not a fit to
/// the paper's measurements.
/// </remarks>
public static class LetterPerceptron
{
    /// <summary>Pixels of z, v and n, row by row (1: on).</summary>
    public static IReadOnlyList<int[]> Letters { get; } =
    [
        [1, 1, 1, 0, 1, 0, 1, 1, 1],
        [1, 0, 1, 1, 0, 1, 0, 1, 0],
        [0, 1, 0, 1, 0, 1, 1, 0, 1],
    ];

    /// <summary>
    /// An illustrative Al2O3/TiO2−x-like passive device: 10-100 µS over 100 gradual pulses each way (NL ±2), switching
    /// threshold 0.9 V, write pulses ±1.3 V × 500 µs (so V/2 = 0.65 V stays below threshold), read 0.1 V, c2c 2%, d2d 10%.
    /// </summary>
    public static DevicePreset Device { get; } = new()
    {
        Name = "tio2_passive",
        Technology = "metal oxide (Al2O3/TiO2-x-like), illustrative",
        Source = "illustrative values in the range of Prezioso et al. 2015; not a fit",
        Device = SaturatingExponentialDevice.FromNonlinearity(10, 100, 2, 100, -2, 100) with { CycleToCycleSigma = 0.02, DeviceToDeviceSigma = 0.1 },
        PotentiationNonlinearity = 2,
        DepressionNonlinearity = -2,
        WriteVoltageV = 1.3,
        EraseVoltageV = 1.3,
        WritePulseS = 500e-6,
        ReadVoltageV = 0.1,
        ThresholdV = 0.9,
    };

    /// <summary>The 30 patterns (ideal letters first, then each letter's nine flips) and their classes.</summary>
    public static (int[] Pixels, int Label)[] Patterns()
    {
        var patterns = new List<(int[], int)>();
        for (int c = 0; c < Letters.Count; c++)
        {
            patterns.Add(([.. Letters[c]], c));
        }

        for (int c = 0; c < Letters.Count; c++)
        {
            for (int flip = 0; flip < 9; flip++)
            {
                int[] p = [.. Letters[c]];
                p[flip] = 1 - p[flip];
                patterns.Add((p, c));
            }
        }

        return [.. patterns];
    }

    /// <summary>Trains the perceptron on a fresh array of <paramref name="preset"/> until every pattern is right or <paramref name="maxEpochs"/> pass.</summary>
    /// <param name="preset">The devices (their threshold and write voltage decide the half-select disturb).</param>
    /// <param name="maxEpochs">The most epochs.</param>
    /// <param name="seed">Seed of the devices and the initial conductances.</param>
    public static PerceptronResult Train(DevicePreset preset, int maxEpochs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEpochs, 1);
        const int inputs = 10, outputs = 3;
        var array = new CrossbarArray(inputs, 2 * outputs, new ArrayConfig { Preset = preset, WriteScheme = SelectScheme.HalfVoltage }, seed);
        ConductanceDevice device = preset.Device;

        // Initial state: every device written to a random conductance in the lower half of the range (write-verify).
        var rng = KeyedRandom.Create(seed, StreamPurpose.TrainingWeights, 0);
        double[] start = [.. Enumerable.Range(0, inputs * 2 * outputs).Select(_ => device.MinConductanceUs + (device.RangeUs * (0.2 + (0.3 * rng.NextDouble()))))];
        array.Program(start);
        long initialPulses = array.Energy.Pulses;

        (int[] Pixels, int Label)[] patterns = Patterns();
        double v = preset.ReadVoltageV, beta = 1 / (v * device.RangeUs);
        var volts = new double[inputs];
        var currents = new double[2 * outputs];
        var f = new double[outputs];
        var accuracy = new List<double>();
        int converged = -1;
        for (int epoch = 0; epoch < maxEpochs; epoch++)
        {
            var gradient = new double[inputs * outputs];
            int correct = 0;
            foreach ((int[] pixels, int label) in patterns)
            {
                Forward(pixels);
                correct += Enumerable.Range(0, outputs).All(i => (i == label) == (f[i] > 0)) ? 1 : 0;
                for (int i = 0; i < outputs; i++)
                {
                    double delta = ((i == label ? 1 : -1) - f[i]) * (1 - (f[i] * f[i]));
                    for (int j = 0; j < inputs; j++)
                    {
                        gradient[(j * outputs) + i] += delta * volts[j];
                    }
                }
            }

            accuracy.Add((double)correct / patterns.Length);
            if (correct == patterns.Length)
            {
                converged = epoch;
                break;
            }

            for (int j = 0; j < inputs; j++)
            {
                for (int i = 0; i < outputs; i++)
                {
                    int sign = Math.Sign(gradient[(j * outputs) + i]);
                    if (sign != 0)
                    {
                        array.Pulse(j, 2 * i, sign);
                        array.Pulse(j, (2 * i) + 1, -sign);
                    }
                }
            }
        }

        return new PerceptronResult(accuracy, converged, array.Energy.TotalJ, array.Energy.Pulses - initialPulses, initialPulses);

        void Forward(int[] pixels)
        {
            for (int j = 0; j < 9; j++)
            {
                volts[j] = pixels[j] == 1 ? v : -v;
            }

            volts[9] = v;
            array.Read(volts, currents);
            for (int i = 0; i < outputs; i++)
            {
                f[i] = Math.Tanh(beta * (currents[2 * i] - currents[(2 * i) + 1]));
            }
        }
    }
}
