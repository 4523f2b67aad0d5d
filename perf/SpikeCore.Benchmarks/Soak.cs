using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SpikeCore.Compiled;
using SpikeCore.Networks;
using SpikeCore.Output;
using SpikeCore.Running;

namespace SpikeCore.Benchmarks;

/// <summary>
/// The soak run: CUBA for 10^9 synaptic events (or <c>--events N</c>), once with spike recording off and once on,
/// saving a checkpoint every <c>--checkpoint-every-s</c> simulated seconds; samples the working set, the managed heap,
/// the event queue and the recorded spikes along the way. After warm-up the working set must be flat with recording
/// off, and grow only by the recorded spikes (12 bytes each) with it on; the queue must not grow.
/// <c>dotnet run -c Release --project perf/SpikeCore.Benchmarks -- soak [--events 1e9] [--out soak]</c> writes
/// soak.csv, soak.png and soak.json.
/// </summary>
internal static class Soak
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>The two runs: spike recording off, then on.</summary>
    private static readonly bool[] s_recording = [false, true];

    private sealed record Sample(bool Recording, long Events, double SimulatedS, double WallS, long WorkingSetBytes, long HeapBytes, int QueueCount, int QueueCapacity, long RecordedSpikes);

    public static int Run(string[] args)
    {
        if (Options(args) is not { } options)
        {
            return 2;
        }

        double events = Number(options, "--events", 1e9), checkpointEveryS = Number(options, "--checkpoint-every-s", 50);
        string folder = options.GetValueOrDefault("--out", "soak");
        string? problem = !(events is >= 1e6 and <= 1e12) ? $"--events must be a number in [1e6, 1e12] (got {options.GetValueOrDefault("--events")})"
            : !(checkpointEveryS is >= 10 and <= 1e6) ? $"--checkpoint-every-s must be a number in [10, 1e6] (got {options.GetValueOrDefault("--checkpoint-every-s")})"
            : null;
        if (problem is not null)
        {
            Console.Error.WriteLine($"soak: {problem}");
            return 2;
        }

        try
        {
            Directory.CreateDirectory(folder);
            return Run(events, checkpointEveryS, folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"soak: cannot write to '{folder}' ({e.Message})");
            return 2;
        }
    }

    private static int Run(double events, double checkpointEveryS, string folder)
    {
        Network net = BenchmarkNetworks.Cuba().Build();
        string checkpoint = Path.Combine(folder, "soak.spkc");
        var samples = new List<Sample>();
        foreach (bool recording in s_recording)
        {
            samples.AddRange(RunOnce(net, recording, (long)events, checkpointEveryS, checkpoint));
        }

        File.Delete(checkpoint);
        WriteCsv(samples, Path.Combine(folder, "soak.csv"));
        var summary = s_recording.Select(r => Summarise(samples.Where(s => s.Recording == r).ToList())).ToArray();
        File.WriteAllText(Path.Combine(folder, "soak.json"), JsonSerializer.Serialize(summary, s_indented));
        Plots.Lines(
        [
            new LinePanel("Working set", "synaptic events (10^9)", "MB", [.. s_recording.Select(r => Series(samples, r, s => s.WorkingSetBytes / 1e6))]),
            new LinePanel("Managed heap", "synaptic events (10^9)", "MB", [.. s_recording.Select(r => Series(samples, r, s => s.HeapBytes / 1e6))]),
            new LinePanel("Event queue", "synaptic events (10^9)", "events pending", [.. s_recording.Select(r => Series(samples, r, s => s.QueueCount))]),
        ], Path.Combine(folder, "soak.png"));
        foreach (var s in summary)
        {
            Console.WriteLine(JsonSerializer.Serialize(s));
        }

        return 0;
    }

    private static (string, double[], double[]) Series(List<Sample> samples, bool recording, Func<Sample, double> y)
    {
        Sample[] run = [.. samples.Where(s => s.Recording == recording)];
        return (recording ? "recording on" : "recording off", [.. run.Select(s => s.Events / 1e9)], [.. run.Select(y)]);
    }

    private static List<Sample> RunOnce(Network net, bool recording, long events, double checkpointEveryS, string checkpoint)
    {
        var samples = new List<Sample>();
        using var sim = new Simulation(net, new SimulationOptions { RecordSpikes = recording });
        var wall = Stopwatch.StartNew();
        double nextCheckpoint = checkpointEveryS * 1000;
        while (sim.Statistics.SynapticEvents < events)
        {
            sim.Run(10_000); // 10 simulated seconds between samples
            if (sim.TimeMs >= nextCheckpoint)
            {
                sim.Save(checkpoint);
                nextCheckpoint += checkpointEveryS * 1000;
            }

            using var process = Process.GetCurrentProcess();
            (int count, int capacity) = sim.Queue;
            samples.Add(new Sample(recording, sim.Statistics.SynapticEvents, sim.TimeMs / 1000, wall.Elapsed.TotalSeconds, process.WorkingSet64,
                GC.GetTotalMemory(forceFullCollection: false), count, capacity, sim.Spikes?.Count ?? 0));
            Console.Error.Write($"\rsoak, recording {(recording ? "on" : "off")}: {sim.Statistics.SynapticEvents / 1e9:F3} of {events / 1e9:F3} 10^9 events");
        }

        Console.Error.WriteLine();
        return samples;
    }

    /// <summary>Growth after warm-up (the first fifth of the run excluded), per 10^8 events: least-squares slopes.</summary>
    private static object Summarise(List<Sample> run)
    {
        Sample[] after = [.. run.Skip(run.Count / 5)];
        double Slope(Func<Sample, double> y)
        {
            double mx = after.Average(s => (double)s.Events), my = after.Average(y);
            double sxy = after.Sum(s => (s.Events - mx) * (y(s) - my)), sxx = after.Sum(s => (s.Events - mx) * (s.Events - mx));
            return sxx > 0 ? sxy / sxx * 1e8 : 0;
        }

        return new
        {
            recording = run[0].Recording,
            events = run[^1].Events,
            simulated_s = run[^1].SimulatedS,
            wall_s = run[^1].WallS,
            working_set_mb_start = run[0].WorkingSetBytes / 1e6,
            working_set_mb_end = run[^1].WorkingSetBytes / 1e6,
            working_set_bytes_per_1e8_events = Slope(s => s.WorkingSetBytes),
            heap_bytes_per_1e8_events = Slope(s => s.HeapBytes),
            recorded_spike_bytes_per_1e8_events = Slope(s => 12.0 * s.RecordedSpikes),
            queue_max = run.Max(s => s.QueueCount),
            queue_capacity_start = run[0].QueueCapacity,
            queue_capacity_end = run[^1].QueueCapacity,
        };
    }

    private static void WriteCsv(List<Sample> samples, string path)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("recording,events,simulated_s,wall_s,working_set_bytes,heap_bytes,queue_count,queue_capacity,recorded_spikes");
        foreach (Sample s in samples)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Recording},{s.Events},{s.SimulatedS},{s.WallS:F3},{s.WorkingSetBytes},{s.HeapBytes},{s.QueueCount},{s.QueueCapacity},{s.RecordedSpikes}"));
        }
    }

    /// <summary>The options as name → value: every argument a known <c>--name</c> followed by its value; null (and one line on standard error) otherwise.</summary>
    private static Dictionary<string, string>? Options(string[] args)
    {
        string[] known = ["--events", "--checkpoint-every-s", "--out"];
        var options = new Dictionary<string, string>();
        for (int i = 0; i < args.Length; i += 2)
        {
            string? problem = !known.Contains(args[i]) ? $"unknown option '{args[i]}' (known: {string.Join(", ", known)})"
                : i + 1 == args.Length ? $"{args[i]} needs a value"
                : !options.TryAdd(args[i], args[i + 1]) ? $"{args[i]} is given twice"
                : null;
            if (problem is not null)
            {
                Console.Error.WriteLine($"soak: {problem}");
                return null;
            }
        }

        return options;
    }

    /// <summary>The number given for <paramref name="name"/>, <paramref name="fallback"/> without it, NaN when it is not a number (refused by the caller).</summary>
    private static double Number(Dictionary<string, string> options, string name, double fallback) =>
        !options.TryGetValue(name, out string? value) ? fallback
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x : double.NaN;
}
