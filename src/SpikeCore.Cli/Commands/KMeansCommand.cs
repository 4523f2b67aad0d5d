using System.CommandLine;
using System.Text.Json;
using SpikeCore.Crossbar.Computing;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Datasets;
using SpikeCore.Networks.Computing;
using SpikeCore.Output;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore kmeans</c>: online K-means in a memristive array beside float K-means from the same starts.</summary>
internal static class KMeansCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "iris (150 flowers, 4 features, 3 classes) or digits8x8 (all 1,797 digits, 64 pixels, 10 classes)", DefaultValueFactory = _ => "iris" }.AcceptOnlyFromAmong("iris", "digits8x8");
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the set's file (default: the shared data's iris or digits8x8)" };
        var preset = new Option<string>("--preset") { Description = $"Device preset of the array ({string.Join(", ", DevicePresets.All.Select(p => p.Name))})", DefaultValueFactory = _ => "table1_target" }
            .AcceptOnlyFromAmong([.. DevicePresets.All.Select(p => p.Name)]);
        var restarts = new Option<int>("--restarts") { Description = "Seeded starts (K distinct samples each), shared by every solver", DefaultValueFactory = _ => 10 }.Within(1, 100);
        var epochs = new Option<int>("--epochs") { Description = "Online passes over the samples", DefaultValueFactory = _ => new OnlineSchedule().Epochs }.Within(1, 1000);
        var rate = new Option<double>("--learning-rate") { Description = "η of the first pass (c_w += η (x − c_w))", DefaultValueFactory = _ => new OnlineSchedule().LearningRate }.Within(1e-6, 1);
        var decay = new Option<double>("--decay") { Description = "η's factor per pass", DefaultValueFactory = _ => new OnlineSchedule().Decay }.Within(1e-6, 1);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the starts, the sample order and every device draw", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for kmeans.png", DefaultValueFactory = _ => "kmeans" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("kmeans", "K-means in a memristive array (Jeong et al. 2018): distances from one read with augmented rows, winner take all, centroids moved by pulses; beside float K-means from the same starts")
        {
            data, dataDir, preset, restarts, epochs, rate, decay, seed, output, json,
        };
        command.SetAction(parse => Execute(parse.GetValue(data)!, parse.GetValue(dataDir), DevicePresets.Find(parse.GetValue(preset)!)!, parse.GetValue(restarts),
            new OnlineSchedule(parse.GetValue(epochs), parse.GetValue(rate), parse.GetValue(decay)), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(json)));
        return command;
    }

    private static int Execute(string data, string? dataDir, DevicePreset preset, int restarts, OnlineSchedule schedule, ulong seed, string output, bool json)
    {
        // A missing, truncated or malformed file, or an unwritable folder: one line and exit 2 (Program.InputError).
        LabelledSet set;
        if (data == "iris")
        {
            set = Sets.Iris(dataDir);
        }
        else
        {
            (LabelledSet train, LabelledSet test) = Sets.Digits8x8(dataDir);
            set = train with { Name = "digits8x8", Values = [.. train.Values, .. test.Values], Labels = [.. train.Labels, .. test.Labels] };
        }

        Directory.CreateDirectory(output);
        if (set.ClassNames.Count > ClusterAccuracy.MaxClasses || set.Count < set.ClassNames.Count)
        {
            Console.Error.WriteLine($"kmeans: {set.Name} has {set.ClassNames.Count} classes and {set.Count} samples: need at most {ClusterAccuracy.MaxClasses} classes and a sample per class");
            return 2;
        }

        KMeansResult result = null!;
        Progress.Run($"K-means on {set.Name} ({preset.Name})", !json, progress => result = KMeansExperiment.Run(set, preset, schedule, restarts, seed, progress));
        string plot = Path.Combine(output, "kmeans.png");
        double[] axis = [.. Enumerable.Range(1, restarts).Select(r => (double)r)];
        Plots.Lines([new LinePanel($"K-means on {set.Name}: accuracy against the labels per start, {preset.Name} array and float", "start", "accuracy",
            [($"{preset.Name} array, online", axis, [.. result.Runs.Select(r => r.ArrayAccuracy)]), ("float, online", axis, [.. result.Runs.Select(r => r.OnlineFloatAccuracy)]), ("float, Lloyd", axis, [.. result.Runs.Select(r => r.LloydAccuracy)])])], plot);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                data = set.Name,
                preset = preset.Name,
                samples = set.Count,
                features = set.Length,
                clusters = set.ClassNames.Count,
                accuracy = result.Accuracy,
                reference_accuracy = result.ReferenceAccuracy,
                online_float_accuracy = result.OnlineFloatAccuracy,
                energy_j = result.EnergyJ,
                restarts,
                epochs = schedule.Epochs,
                learning_rate = schedule.LearningRate,
                decay = schedule.Decay,
                best_start_accuracy = result.BestStartAccuracy,
                best_start_reference_accuracy = result.BestStartReferenceAccuracy,
                runs = result.Runs.Select(r => new { accuracy = r.ArrayAccuracy, inertia = r.ArrayInertia, online_float_accuracy = r.OnlineFloatAccuracy, online_float_inertia = r.OnlineFloatInertia,
                    reference_accuracy = r.LloydAccuracy, reference_inertia = r.LloydInertia, energy_j = r.EnergyJ, programming_j = r.ProgrammingJ, reads = r.Reads, pulses = r.Pulses }),
                wall_s = result.WallSeconds,
                seed,
            }, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"K-means on {set.Name}: {set.Count} samples, {set.Length} features shifted and scaled by one factor into [0, 1], K = {set.ClassNames.Count}; {restarts} starts (seed {seed}); online: {schedule.Epochs} passes, η {schedule.LearningRate:G3} x {schedule.Decay:G3} per pass");
        Console.WriteLine($"  {"solver",-34} {"best start",11} {"mean",7} {"min",7} {"max",7} {"energy per start",17}");
        void Row(string name, double best, Func<KMeansRun, double> accuracy, string energy) =>
            Console.WriteLine($"  {name,-34} {best,11:P1} {result.Runs.Average(accuracy),7:P1} {result.Runs.Min(accuracy),7:P1} {result.Runs.Max(accuracy),7:P1} {energy,17}");
        Row($"{preset.Name} array, online", result.BestStartAccuracy, r => r.ArrayAccuracy, $"{result.EnergyJ:G3} J");
        Row("float, same online schedule", result.BestStartOnlineFloatAccuracy, r => r.OnlineFloatAccuracy, "");
        Row("float, Lloyd (batch)", result.BestStartReferenceAccuracy, r => r.LloydAccuracy, "");
        Console.WriteLine("  (best start: the one with the smallest within-cluster sum of squares, the arrays' as their reads see it)");
        Console.WriteLine($"reads per start {result.Runs.Average(r => r.Reads):F0}, pulses {result.Runs.Average(r => r.Pulses):F0}; {result.WallSeconds:F1} s; wrote {plot}");
        return 0;
    }
}
