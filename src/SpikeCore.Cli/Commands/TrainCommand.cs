using System.CommandLine;
using System.Text.Json;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Crossbar.Training;
using SpikeCore.Datasets;
using SpikeCore.Networks.Supervised;
using SpikeCore.Output;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore train</c>: networks trained on memristive arrays, beside the same network in float.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "mlp (784-100-10 on Fashion-MNIST, 64-32-10 on the digits), cnn (two convolutions and a dense layer, Fashion-MNIST; trained in float, then programmed into arrays and read after drift) or perceptron-letters (Prezioso et al. 2015: 3 x 3 letters on a 10 x 6 passive array)", DefaultValueFactory = _ => "mlp" }.AcceptOnlyFromAmong("mlp", "cnn", "perceptron-letters");
        var data = new Option<string?>("--data") { Description = "digits8x8 or fashion-mnist (default: digits8x8 for the mlp, fashion-mnist for the cnn)" }.AcceptOnlyFromAmong("digits8x8", "fashion-mnist");
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the set's files (default: the shared data's digits8x8 or fashion-mnist)" };
        var preset = new Option<string?>("--preset") { Description = $"float, or the device preset of the arrays ({string.Join(", ", DevicePresets.All.Select(p => p.Name))}; default: table1_target for the mlp, the perceptron's own illustrative TiO2 device)" }
            .AcceptOnlyFromAmong(["float", .. DevicePresets.All.Select(p => p.Name)]);
        var algorithm = new Option<string>("--algorithm") { Description = "How updates become pulses: sgd (stochastic pulsed outer product), manhattan, write-verify, ttv2 (Tiki-Taka v2), mixed (mixed precision), or all", DefaultValueFactory = _ => "mixed" }
            .AcceptOnlyFromAmong(["all", .. TrainingAlgorithms.All.Select(a => a.Name())]);
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the training samples (default: 10 for the mlp, 60 for the perceptron)" }.Within(1, 10_000);
        var train = new Option<int?>("--train") { Description = "Training samples, from the first (default: all)" }.Within(1, 1_000_000);
        var validation = new Option<int?>("--validation") { Description = "Hold out the last K training samples and score on them instead of the test set" }.Within(1, 1_000_000);
        var rate = new Option<double?>("--learning-rate") { Description = "η per sample (default: the model's, chosen on held-out training samples)" }.Within(1e-9, 1e3);
        var driftTimes = new Option<string?>("--drift-times") { Description = "Train in float, program into the preset's arrays by write-verify and score at these times after programming, with and without global drift compensation (e.g. 1s,1h,1d,1y; the cnn always does, at these four by default)" };
        var channels = new Option<string?>("--channels") { Description = $"The cnn's convolution channels, first and second (default: {CnnExperiment.DefaultChannels.First},{CnnExperiment.DefaultChannels.Second})" };
        var hardwareAware = new Option<bool>("--hardware-aware") { Description = $"Inject Gaussian weight noise ({DriftCommand.HardwareAwareNoise:P0} of each layer's largest weight) while training in float, for inference on arrays" };
        var adcBits = new Option<int>("--adc-bits") { Description = "Output ADC bits of the arrays read after programming (--drift-times)", DefaultValueFactory = _ => 8 }.Within(2, 24);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the weights, the sample order and every device draw", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for accuracy.png", DefaultValueFactory = _ => "train" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("train", "Train a network on memristive arrays, in place, beside the same network in float: forward and backward passes are array reads, updates are device pulses")
        {
            model, data, dataDir, preset, algorithm, epochs, train, validation, rate, driftTimes, channels, hardwareAware, adcBits, seed, output, json,
        };
        command.SetAction(parse => parse.GetValue(model) == "perceptron-letters"
            ? PerceptronCommand.Execute(parse.GetValue(preset), parse.GetValue(epochs), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(json))
            : Execute(parse.GetValue(model)!, parse.GetValue(data) ?? (parse.GetValue(model) == "cnn" ? "fashion-mnist" : "digits8x8"), parse.GetValue(dataDir), parse.GetValue(preset), parse.GetValue(algorithm)!, parse.GetValue(epochs), parse.GetValue(train), parse.GetValue(validation), parse.GetValue(rate),
                parse.GetValue(driftTimes), parse.GetValue(channels), parse.GetValue(hardwareAware), parse.GetValue(adcBits), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(json)));
        return command;
    }

    private static int Execute(string model, string data, string? dataDir, string? presetName, string algorithm, int? epochs, int? trainCount, int? validation, double? rate, string? driftTimes, string? channelText, bool hardwareAware, int adcBits, ulong seed, string output, bool json)
    {
        int[]? channels = channelText is null ? [CnnExperiment.DefaultChannels.First, CnnExperiment.DefaultChannels.Second] : OptionRanges.CommaIntegers(channelText);
        if (channels is not [>= 1 and <= 256, >= 1 and <= 256] || (channelText is not null && model != "cnn"))
        {
            Console.Error.WriteLine($"train: --channels takes two counts from 1 to 256 for the cnn, such as 16,32 (got '{channelText}' for the {model})");
            return 2;
        }

        double[]? times = null;
        if (driftTimes is not null || model == "cnn")
        {
            (times, string? problem) = DriftCommand.ParseTimes(driftTimes ?? "1s,1h,1d,1y");
            if (problem is not null)
            {
                Console.Error.WriteLine($"train: {problem}");
                return 2;
            }

            if (presetName == "float")
            {
                Console.Error.WriteLine("train: --drift-times needs arrays to program: give --preset NAME (pcm_gst drifts)");
                return 2;
            }
        }

        if (ImageSets.Load("train", data, dataDir, validation, trainCount, null, output) is not { } sets)
        {
            return 2;
        }

        (LabelledSet train, LabelledSet test) = sets;

        if (times is not null)
        {
            return DriftCommand.Execute(model, train, test, data, presetName ?? "pcm_gst", adcBits, hardwareAware, times, (channels[0], channels[1]), epochs, rate, seed, output, json);
        }

        if (hardwareAware)
        {
            Console.Error.WriteLine("train: --hardware-aware trains in float for inference on arrays: give --drift-times too");
            return 2;
        }

        string preset = presetName ?? "table1_target";
        MlpParameters p = data == "digits8x8" ? MlpParameters.Digits8x8 : MlpParameters.FashionMnist;
        p = p with { Epochs = epochs ?? p.Epochs, LearningRate = rate ?? p.LearningRate };
        TrainingAlgorithm[] algorithms = algorithm == "all" ? [.. TrainingAlgorithms.All] : [TrainingAlgorithms.Find(algorithm)!.Value];
        var runs = new List<(string Name, MlpParameters Parameters)> { ("float", p) };
        if (preset != "float")
        {
            runs.AddRange(algorithms.Select(a => (a.Name(), p with { Preset = DevicePresets.Find(preset), Algorithm = a })));
        }

        string shape = string.Join("-", [train.Length, .. p.Hidden, train.ClassNames.Count]);
        var results = new MlpResult[runs.Count];
        for (int k = 0; k < runs.Count; k++)
        {
            string what = runs[k].Name == "float" ? "float" : $"{preset}, {runs[k].Name}";
            Progress.Run($"MLP {shape} on {data} ({what})", !json, progress => results[k] = MlpExperiment.Run(train, test, runs[k].Parameters, seed, progress));
        }

        string curve = Path.Combine(output, "accuracy.png");
        double[] epochAxis = [.. Enumerable.Range(1, p.Epochs).Select(e => (double)e)];
        Plots.Lines([new LinePanel($"MLP {shape} on {data}: test accuracy per epoch, {preset} arrays and float", "epoch", "accuracy",
            [.. runs.Select((r, k) => (r.Name == "float" ? "float" : $"{preset} {r.Name}", epochAxis, results[k].PerEpoch.ToArray()))])], curve);
        MlpResult reference = results[0];
        if (json)
        {
            object Row(int k) => new
            {
                algorithm = runs[k].Name,
                accuracy = results[k].Accuracy,
                per_epoch = results[k].PerEpoch,
                energy_j = results[k].EnergyJ,
                programming_pulses = results[k].ProgrammingPulses,
                initial_pulses = results[k].InitialPulses,
                wall_s = results[k].WallSeconds,
                samples_per_s = results[k].SamplesPerSecond,
            };

            int main = runs.Count > 1 ? 1 : 0;
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                model = "mlp",
                data,
                shape,
                preset,
                algorithm = runs[main].Name,
                accuracy = results[main].Accuracy,
                per_epoch = results[main].PerEpoch,
                float_accuracy = reference.Accuracy,
                float_per_epoch = reference.PerEpoch,
                energy_j = results[main].EnergyJ,
                programming_pulses = results[main].ProgrammingPulses,
                wall_s = results.Sum(r => r.WallSeconds),
                samples_per_s = results[main].SamplesPerSecond,
                float_samples_per_s = reference.SamplesPerSecond,
                train_samples = train.Count,
                test_samples = test.Count,
                epochs = p.Epochs,
                learning_rate = p.LearningRate,
                runs = runs.Count > 2 ? Enumerable.Range(1, runs.Count - 1).Select(Row) : null,
                seed,
            }, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"MLP {shape} on {data}: {train.Count} training samples x {p.Epochs} epochs, {test.Count} test samples, η {p.LearningRate} (x {p.LearningRateDecay} per epoch), seed {seed}");
        Console.WriteLine($"  {"weights",-28} {"accuracy",9} {"vs float",9} {"pulses",14} {"energy",11} {"samples/s",10}");
        for (int k = 0; k < runs.Count; k++)
        {
            string name = runs[k].Name == "float" ? "float" : $"{preset} {runs[k].Name}";
            string gap = k == 0 ? "" : $"{(results[k].Accuracy - reference.Accuracy) * 100:+0.0;-0.0}";
            Console.WriteLine($"  {name,-28} {results[k].Accuracy,9:P1} {gap,9} {results[k].ProgrammingPulses,14:N0} {results[k].EnergyJ,9:G3} J {results[k].SamplesPerSecond,10:N0}");
        }

        Console.WriteLine($"wrote {curve}");
        return 0;
    }
}
