using System.Globalization;
using System.Text.Json;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Training;
using SpikeCore.Datasets;
using SpikeCore.Networks.Supervised;
using SpikeCore.Output;

namespace SpikeCore.Cli.Commands;

/// <summary>
/// <c>spikecore train --model mlp|cnn --drift-times ...</c>: a network trained in float (optionally hardware-aware),
/// programmed into arrays by write-verify and read at times after programming, with and without drift compensation.
/// </summary>
internal static class DriftCommand
{
    /// <summary>σ of the injected weight noise of hardware-aware training, relative to each layer's largest weight.</summary>
    public const double HardwareAwareNoise = 0.05;

    /// <summary>Parses "1s,1h,1d,1y" (s, m, h, d, y; 365.25-day years) into seconds, or returns a problem.</summary>
    public static (double[]? Times, string? Problem) ParseTimes(string text)
    {
        var times = new List<double>();
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > 100)
        {
            return (null, $"--drift-times: {parts.Length} times; at most 100 (each scores the whole test set twice)");
        }

        foreach (string part in parts)
        {
            double unit = part.Length == 0 ? double.NaN : part[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86_400, 'y' => 365.25 * 86_400, _ => double.NaN };
            if (double.IsNaN(unit) || !double.TryParse(part[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value > 0) || value * unit > 1e12)
            {
                return (null, $"--drift-times: '{part}' is not a time such as 1s, 30m, 1h, 1d or 1y (> 0, at most 1e12 s)");
            }

            times.Add(value * unit);
        }

        return ([.. times], null);
    }

    public static int Execute(string model, LabelledSet train, LabelledSet test, string data, string preset, int adcBits, bool hardwareAware, double[] times, (int First, int Second) channels, int? epochs, double? rate, ulong seed, string output, bool json)
    {
        DevicePreset device = DevicePresets.Find(preset)!;
        double noise = hardwareAware ? HardwareAwareNoise : 0;
        IReadOnlyList<double> perEpoch = [];
        IReadOnlyList<FloatDense> layers = [];
        Func<IReadOnlyList<IDenseLayer>, Classifier> build;
        string shape;
        try
        {
            if (model == "cnn")
            {
                shape = $"conv5x5x{channels.First}-pool-conv5x5x{channels.Second}-pool-dense";
                Progress.Run($"CNN on {data}, float{(hardwareAware ? ", hardware-aware" : "")}", !json, progress =>
                {
                    (SmallCnn network, perEpoch, _) = CnnExperiment.Train(train, test, channels, epochs ?? CnnExperiment.DefaultEpochs, rate ?? CnnExperiment.DefaultLearningRate, CnnExperiment.DefaultDecay, noise, seed, progress);
                    layers = [.. network.Layers.Cast<FloatDense>()];
                });
                build = l => new SmallCnn(l[0], l[1], l[2]).Predict;
            }
            else
            {
                MlpParameters p = data == "digits8x8" ? MlpParameters.Digits8x8 : MlpParameters.FashionMnist;
                p = p with { Epochs = epochs ?? p.Epochs, LearningRate = rate ?? p.LearningRate, HardwareAwareNoise = noise };
                shape = string.Join("-", [train.Length, .. p.Hidden, train.ClassNames.Count]);
                Progress.Run($"MLP {shape} on {data}, float{(hardwareAware ? ", hardware-aware" : "")}", !json, progress =>
                {
                    (Mlp network, MlpResult result) = MlpExperiment.Train(train, test, p, seed, progress);
                    (perEpoch, layers) = (result.PerEpoch, [.. network.Layers.Cast<FloatDense>()]);
                });
                build = l => new Mlp(l).Predict;
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"train: {e.Message}");
            return 2;
        }

        DriftResult drift = null!;
        Progress.Run($"programmed into {preset} arrays, read at {times.Length} times", !json, progress => drift = DriftExperiment.Run(layers, build, test, device, adcBits, times, seed, progress));
        string curve = Path.Combine(output, "drift.png");
        double[] axis = [.. times];
        Plots.Lines([new LinePanel($"{model} on {data}, programmed into {preset} arrays ({adcBits}-bit ADCs{(hardwareAware ? ", hardware-aware training" : "")}): test accuracy after programming", "seconds after programming", "accuracy",
            [("no compensation", axis, [.. drift.Points.Select(pt => pt.Accuracy)]), ("global drift compensation", axis, [.. drift.Points.Select(pt => pt.CompensatedAccuracy)]), ("float", axis, [.. times.Select(_ => perEpoch[^1])])])], curve);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                model,
                data,
                shape,
                preset,
                adc_bits = adcBits,
                hardware_aware = hardwareAware,
                hardware_aware_noise = noise,
                accuracy = drift.Points[^1].CompensatedAccuracy,
                float_accuracy = perEpoch[^1],
                float_per_epoch = perEpoch,
                drift = drift.Points.Select(pt => new { time_s = pt.TimeS, accuracy = pt.Accuracy, compensated_accuracy = pt.CompensatedAccuracy }),
                programming_pulses = drift.ProgrammingPulses,
                programming_rms_error_us = drift.ProgrammingRmsErrorUs,
                energy_j = drift.EnergyJ,
                wall_s = drift.WallSeconds,
                seed,
            }, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"{model} {shape} on {data}: trained in float{(hardwareAware ? $" with weight noise {noise:P0} (hardware-aware)" : "")}, test accuracy {perEpoch[^1]:P2}");
        Console.WriteLine($"programmed into {preset} arrays by write-verify ({drift.ProgrammingPulses:N0} pulses, RMS error {drift.ProgrammingRmsErrorUs:G3} µS), {adcBits}-bit ADCs, 8-bit DACs");
        Console.WriteLine($"  {"after",12} {"accuracy",10} {"compensated",12}");
        foreach (DriftPoint pt in drift.Points)
        {
            Console.WriteLine($"  {Describe(pt.TimeS),12} {pt.Accuracy,10:P2} {pt.CompensatedAccuracy,12:P2}");
        }

        Console.WriteLine($"wrote {curve}");
        return 0;
    }

    private static string Describe(double seconds) =>
        seconds >= 365.25 * 86_400 ? $"{seconds / (365.25 * 86_400):G3} y" : seconds >= 86_400 ? $"{seconds / 86_400:G3} d" : seconds >= 3600 ? $"{seconds / 3600:G3} h" : seconds >= 60 ? $"{seconds / 60:G3} min" : $"{seconds:G3} s";
}
