using System.Diagnostics;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Converters;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Crossbar.Training;
using SpikeCore.Datasets;

namespace SpikeCore.Networks.Supervised;

/// <summary>
/// Inference after programming (aihwkit's standard experiment): a float-trained network's layers are programmed into
/// arrays of a preset by write-verify (each layer's largest weight at the full range), then the test set is classified
/// at several times after programming, with and without global drift compensation.
/// </summary>
public static class DriftExperiment
{
    /// <summary>1 s, 1 h, 1 day, 1 year.</summary>
    public static IReadOnlyList<double> StandardTimesS { get; } = [1, 3600, 86_400, 365.25 * 86_400];

    /// <summary>Runs the experiment.</summary>
    /// <param name="trained">The float network's layers, in order.</param>
    /// <param name="build">Makes the same network from array-held layers, returning its classifier.</param>
    /// <param name="test">The test set.</param>
    /// <param name="preset">The devices.</param>
    /// <param name="adcBits">Output ADC bits (the input DACs take 8).</param>
    /// <param name="timesS">Times after programming.</param>
    /// <param name="seed">Seed of every device draw.</param>
    /// <param name="progress">Reports the fraction done.</param>
    public static DriftResult Run(IReadOnlyList<FloatDense> trained, Func<IReadOnlyList<IDenseLayer>, Classifier> build, LabelledSet test, DevicePreset preset, int adcBits, IReadOnlyList<double> timesS, ulong seed, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(timesS);
        var wall = Stopwatch.StartNew();
        float[] x = test.Scaled();
        var accuracy = new double[2, timesS.Count];
        long pulses = 0;
        double rms = 0, energy = 0;
        for (int compensated = 0; compensated < 2; compensated++)
        {
            // The same seed and keys program both copies identically; only the reads differ.
            AnalogDense[] layers = [.. trained.Select((l, i) => new AnalogDense(l.Inputs, l.Outputs, l.Weights(), Config(l, preset, adcBits, compensated == 1), TrainingAlgorithm.Sgd, seed, (uint)(i * 10_000), l.Bias))];
            Classifier classify = build(layers);
            for (int t = 0; t < timesS.Count; t++)
            {
                foreach (AnalogDense layer in layers)
                {
                    layer.ReadTimeS = timesS[t];
                }

                accuracy[compensated, t] = OnlineTraining.Accuracy(classify, x, test);
                progress?.Report(((compensated * timesS.Count) + t + 1.0) / (2 * timesS.Count));
            }

            if (compensated == 0)
            {
                pulses = layers.Sum(l => l.InitialProgramming.Pulses);
                rms = Math.Sqrt(layers.Sum(l => l.InitialProgramming.RmsErrorUs * l.InitialProgramming.RmsErrorUs * l.Inputs * l.Outputs) / layers.Sum(l => l.Inputs * l.Outputs));
                energy = layers.Sum(l => l.Energy.TotalJ);
            }
        }

        return new DriftResult([.. timesS.Select((t, k) => new DriftPoint(t, accuracy[0, k], accuracy[1, k]))], pulses, rms, energy, wall.Elapsed.TotalSeconds);
    }

    private static AnalogMatrixConfig Config(FloatDense layer, DevicePreset preset, int adcBits, bool compensated) => new()
    {
        Array = new ArrayConfig { Preset = preset },
        Mapping = preset.Device.PulsesAcrossRange(potentiating: false) <= 1 ? WeightMapping.Differential : WeightMapping.ReferenceColumn,
        MaxWeight = Math.Max(1e-12, layer.Weights().Max(Math.Abs)),
        Dac = new Converter(8, 1, 1),
        Adc = new Converter(adcBits, 1),
        GlobalDriftCompensation = compensated,
    };
}
