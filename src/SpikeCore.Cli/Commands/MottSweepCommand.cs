using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ScottPlot;
using SpikeCore.Optimization.Oscillators;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore mott sweep</c>: inter-spike intervals and the largest Lyapunov exponent across bias voltages.</summary>
internal static class MottSweepCommand
{
    public static Command Create()
    {
        var device = new Option<string>("--device") { Description = "vo2 (the open VO2 neuristor model) or nbo2 (Poole-Frenkel NbO2)", DefaultValueFactory = _ => "vo2" };
        var from = new Option<double?>("--from-v") { Description = "Lowest bias (default: 7 V for vo2, 0.6 V for nbo2)" }.Within(0.0, 1000.0);
        var to = new Option<double?>("--to-v") { Description = "Highest bias (default: 15 V for vo2, 2 V for nbo2)" }.Within(0.0, 1000.0);
        var points = new Option<int>("--points") { Description = "Bias values", DefaultValueFactory = _ => 33 }.Within(2, 10_000);
        var noise = new Option<double>("--noise") { Description = "Factor on the thermal noise (0: deterministic)", DefaultValueFactory = _ => 1 }.Within(0.0, 1000.0);
        var duration = new Option<double?>("--duration-us") { Description = "Simulated time per bias (default: 200 µs for vo2, 10 µs for nbo2)" }.Within(0.001, 100_000.0);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the noise", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var output = new Option<string?>("--out") { Description = "Folder for sweep.png (default: out/mott-sweep)" };
        var sweep = new Command("sweep", "Map a Mott oscillator's quiet, periodic and irregular bias windows: ISIs (a bifurcation diagram) and Lyapunov exponents")
        {
            device, from, to, points, noise, duration, seed, json, output,
        };
        sweep.SetAction(parse =>
        {
            string name = parse.GetValue(device)!;
            if (name is not ("vo2" or "nbo2"))
            {
                Console.Error.WriteLine($"mott sweep: --device must be vo2 or nbo2 (got {name})");
                return 2;
            }

            bool vo2 = name == "vo2";
            return Execute(vo2 ? MottOscillator.Vo2 : MottOscillator.NbO2, name, parse.GetValue(from) ?? (vo2 ? 7 : 0.6), parse.GetValue(to) ?? (vo2 ? 15 : 2), parse.GetValue(points),
                parse.GetValue(noise), parse.GetValue(duration) ?? (vo2 ? 200 : 10), parse.GetValue(seed), parse.GetValue(json), parse.GetValue(output) ?? Path.Combine("out", "mott-sweep"));
        });
        return new Command("mott", "The Mott memristor relaxation oscillator") { sweep };
    }

    private static int Execute(MottOscillator device, string name, double fromV, double toV, int points, double noise, double durationUs, ulong seed, bool json, string outFolder)
    {
        // Time scales follow the device's step: the start-up transient, the sampling and Lyapunov renormalisation intervals.
        double transientNs = 2000 * device.StepNs, sampleNs = 100 * device.StepNs, renormaliseNs = 20 * device.StepNs;
        if (!(toV > fromV) || points < 2 || !(noise >= 0) || !(durationUs * 1000 > 2 * transientNs) || !double.IsFinite(fromV + toV + noise + durationUs))
        {
            Console.Error.WriteLine($"mott sweep: need --from-v < --to-v, --points >= 2, --noise >= 0, --duration-us > {2 * transientNs / 1000} (got {fromV}, {toV}, {points}, {noise}, {durationUs})");
            return 2;
        }

        var rows = new (double BiasV, double[] IntervalsUs, double Lambda)[points];
        Progress.Run($"{points} bias values", !json, progress =>
        {
            int done = 0;
            Parallel.For(0, points, k =>
            {
                MottOscillator o = device with { BiasV = fromV + ((toV - fromV) * k / (points - 1)), NoiseScale = noise };
                MottTrajectory t = o.Simulate(durationUs * 1000, sampleNs, seed);
                double[] spikes = t.SpikeTimesNs.Where(s => s > transientNs).ToArray();
                double[] isi = spikes.Zip(spikes.Skip(1), (a, b) => (b - a) / 1000).ToArray();
                rows[k] = (o.BiasV, isi, LyapunovEstimate.PerMicrosecond(o, durationUs * 1000, seed, transientNs, renormaliseNs));
                progress?.Report(Interlocked.Increment(ref done) / (double)points);
            });
        });

        Directory.CreateDirectory(outFolder);
        string png = Path.Combine(outFolder, "sweep.png");
        WritePlot(rows, Label(name), noise, png);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                device = name,
                noise,
                duration_us = durationUs,
                points = rows.Select(r => new
                {
                    bias_v = r.BiasV,
                    spikes = r.IntervalsUs.Length + (r.IntervalsUs.Length > 0 ? 1 : 0),
                    mean_isi_us = r.IntervalsUs.Length > 0 ? r.IntervalsUs.Average() : (double?)null,
                    cv_isi = Cv(r.IntervalsUs),
                    lyapunov_per_us = r.Lambda,
                }),
            }, CliJson.Options));
            return 0;
        }

        Console.WriteLine($"{Label(name)} oscillator, noise × {noise}, {durationUs} µs per bias:");
        Console.WriteLine($"  {"bias V",7} {"spikes",7} {"mean ISI µs",12} {"CV ISI",7} {"λ /µs",8}");
        foreach ((double bias, double[] isi, double lambda) in rows)
        {
            string mean = isi.Length > 0 ? isi.Average().ToString("F3", CultureInfo.InvariantCulture) : "-";
            string cv = Cv(isi) is { } c ? c.ToString("F3", CultureInfo.InvariantCulture) : "-";
            Console.WriteLine($"  {bias,7:F2} {isi.Length + (isi.Length > 0 ? 1 : 0),7} {mean,12} {cv,7} {lambda,8:F3}");
        }

        Console.WriteLine($"wrote {png}");
        return 0;
    }

    private static double? Cv(double[] isi)
    {
        if (isi.Length < 2)
        {
            return null;
        }

        double mean = isi.Average();
        return Math.Sqrt(isi.Average(x => (x - mean) * (x - mean))) / mean;
    }

    private static string Label(string device) => device == "vo2" ? "VO2" : "NbO2";

    private static void WritePlot((double BiasV, double[] IntervalsUs, double Lambda)[] rows, string device, double noise, string path)
    {
        var plot = new Plot();
        var isi = plot.Add.ScatterPoints(rows.SelectMany(r => r.IntervalsUs.Select(_ => r.BiasV)).ToArray(), rows.SelectMany(r => r.IntervalsUs).ToArray());
        isi.MarkerSize = 3;
        isi.LegendText = "inter-spike intervals (µs)";
        var lambda = plot.Add.Scatter(rows.Select(r => r.BiasV).ToArray(), rows.Select(r => r.Lambda).ToArray());
        lambda.Axes.YAxis = plot.Axes.Right;
        lambda.LegendText = "largest Lyapunov exponent (1/µs, right)";
        plot.Axes.Right.Label.Text = "λ (1/µs)";
        plot.Title($"{device} Mott oscillator: ISIs and λ against bias (noise × {noise})");
        plot.XLabel("bias V");
        plot.YLabel("inter-spike interval (µs)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 600);
    }
}
