using System.Text.Json;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Networks.Supervised;
using SpikeCore.Output;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore train --model perceptron-letters</c>: Prezioso et al.'s in-situ trained perceptron, with the effect of half-select disturb and device variability.</summary>
internal static class PerceptronCommand
{
    private const int Seeds = 10;

    public static int Execute(string? presetName, int? epochs, ulong seed, string output, bool json)
    {
        if (presetName == "float")
        {
            Console.Error.WriteLine("train: the letter perceptron lives on an array: give --preset NAME or leave it out for its own device");
            return 2;
        }

        DevicePreset device = presetName is null ? LetterPerceptron.Device : DevicePresets.Find(presetName)!;
        int maxEpochs = epochs ?? 60;
        double threshold = device.ThresholdV > 0 ? device.ThresholdV : device.WriteVoltageV / 2;

        // The device as given; one whose threshold sits below V_w/2, so every pulse disturbs its row and column; and
        // one without device-to-device or cycle-to-cycle spread.
        double disturbedThreshold = 0.85 * device.WriteVoltageV / 2;
        var variants = new List<(string Name, DevicePreset Preset)>
        {
            ($"{device.Name} (threshold {threshold:G3} V, V/2 = {device.WriteVoltageV / 2:G3} V)", device),
            ($"threshold {disturbedThreshold:G3} V < V/2: half-select disturb", device with { ThresholdV = disturbedThreshold }),
            ("no device variability (d2d, c2c 0)", device with { Device = device.Device with { DeviceToDeviceSigma = 0, CycleToCycleSigma = 0 } }),
        };

        try
        {
            Directory.CreateDirectory(output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"train: {e.Message}");
            return 2;
        }

        var results = variants.Select(v => Enumerable.Range(0, Seeds).Select(s => LetterPerceptron.Train(v.Preset, maxEpochs, seed + (ulong)s)).ToArray()).ToArray();
        string curve = Path.Combine(output, "perceptron.png");
        Plots.Lines([new LinePanel($"Letter perceptron on a 10 x 6 passive array ({device.Name}), seed {seed}: patterns right per epoch", "epoch", "fraction of the 30 patterns right",
            [.. variants.Select((v, k) => (v.Name, Enumerable.Range(0, results[k][0].PerEpoch.Count).Select(e => (double)e).ToArray(), results[k][0].PerEpoch.ToArray()))])], curve);

        var rows = variants.Select((v, k) => new
        {
            variant = v.Name,
            converged = results[k].Count(r => r.ConvergedEpoch >= 0),
            median_epochs = MathNet.Numerics.Statistics.Statistics.Median(results[k].Where(r => r.ConvergedEpoch >= 0).Select(r => (double)r.ConvergedEpoch)),
            epochs = results[k].Select(r => r.ConvergedEpoch),
            final_accuracy = results[k].Select(r => r.PerEpoch[^1]),
            training_pulses = MathNet.Numerics.Statistics.Statistics.Median(results[k].Select(r => (double)r.TrainingPulses)),
            energy_j = MathNet.Numerics.Statistics.Statistics.Median(results[k].Select(r => r.EnergyJ)),
        }).ToList();
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { model = "perceptron-letters", preset = device.Name, seeds = Seeds, first_seed = seed, max_epochs = maxEpochs, accuracy = results[0][0].PerEpoch[^1], per_epoch = results[0][0].PerEpoch, variants = rows }, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"Letter perceptron (Prezioso et al. 2015): 30 patterns (z, v, n and one-pixel flips), 10 x 6 passive array of {device.Name}, batch Manhattan rule through V/2, seeds {seed}-{seed + Seeds - 1}, at most {maxEpochs} epochs");
        Console.WriteLine($"  {"variant",-62} {"converged",10} {"median epochs",14} {"pulses",8} {"energy",11}");
        foreach (var r in rows)
        {
            Console.WriteLine($"  {r.variant,-62} {r.converged,5}/{Seeds,-4} {r.median_epochs,14:G3} {r.training_pulses,8:F0} {r.energy_j,9:G3} J");
        }

        Console.WriteLine($"wrote {curve}");
        return 0;
    }
}
