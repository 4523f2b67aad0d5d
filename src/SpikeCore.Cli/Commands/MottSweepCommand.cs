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
        var from = new Option<double>("--from-v") { Description = "Lowest bias", DefaultValueFactory = _ => 7 };
        var to = new Option<double>("--to-v") { Description = "Highest bias", DefaultValueFactory = _ => 15 };
        var points = new Option<int>("--points") { Description = "Bias values", DefaultValueFactory = _ => 33 };
        var noise = new Option<double>("--noise") { Description = "Factor on the thermal noise (0: deterministic)", DefaultValueFactory = _ => 1 };
        var duration = new Option<double>("--duration-us") { Description = "Simulated time per bias", DefaultValueFactory = _ => 200 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the noise", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var output = new Option<string?>("--out") { Description = "Folder for sweep.png (default: out/mott-sweep)" };
        var sweep = new Command("sweep", "Map the VO2 oscillator's quiet, periodic and irregular bias windows: ISIs (a bifurcation diagram) and Lyapunov exponents")
        {
            from, to, points, noise, duration, seed, json, output,
        };
        sweep.SetAction(parse => Execute(parse.GetValue(from), parse.GetValue(to), parse.GetValue(points), parse.GetValue(noise), parse.GetValue(duration),
            parse.GetValue(seed), parse.GetValue(json), parse.GetValue(output) ?? Path.Combine("out", "mott-sweep")));
        return new Command("mott", "The Mott memristor relaxation oscillator") { sweep };
    }

    private static int Execute(double fromV, double toV, int points, double noise, double durationUs, ulong seed, bool json, string outFolder)
    {
        if (!(toV > fromV) || points < 2 || !(noise >= 0) || !(durationUs > 20) || !double.IsFinite(fromV + toV + noise + durationUs))
        {
            Console.Error.WriteLine($"mott sweep: need --from-v < --to-v, --points >= 2, --noise >= 0, --duration-us > 20 (got {fromV}, {toV}, {points}, {noise}, {durationUs})");
            return 2;
        }

        var rows = new (double BiasV, double[] IntervalsUs, double Lambda)[points];
        Progress.Run($"{points} bias values", !json, progress =>
        {
            int done = 0;
            Parallel.For(0, points, k =>
            {
                MottOscillator o = MottOscillator.Vo2 with { BiasV = fromV + ((toV - fromV) * k / (points - 1)), NoiseScale = noise };
                MottTrajectory t = o.Simulate(durationUs * 1000, 1000, seed);
                double[] spikes = t.SpikeTimesNs.Where(s => s > 20_000).ToArray(); // after the start-up transient
                double[] isi = spikes.Zip(spikes.Skip(1), (a, b) => (b - a) / 1000).ToArray();
                rows[k] = (o.BiasV, isi, LyapunovEstimate.PerMicrosecond(o, durationUs * 1000, seed));
                progress?.Report(Interlocked.Increment(ref done) / (double)points);
            });
        });

        Directory.CreateDirectory(outFolder);
        string png = Path.Combine(outFolder, "sweep.png");
        WritePlot(rows, noise, png);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
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

        Console.WriteLine($"VO2 oscillator, noise × {noise}, {durationUs} µs per bias:");
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

    private static void WritePlot((double BiasV, double[] IntervalsUs, double Lambda)[] rows, double noise, string path)
    {
        var plot = new Plot();
        var isi = plot.Add.ScatterPoints(rows.SelectMany(r => r.IntervalsUs.Select(_ => r.BiasV)).ToArray(), rows.SelectMany(r => r.IntervalsUs).ToArray());
        isi.MarkerSize = 3;
        isi.LegendText = "inter-spike intervals (µs)";
        var lambda = plot.Add.Scatter(rows.Select(r => r.BiasV).ToArray(), rows.Select(r => r.Lambda).ToArray());
        lambda.Axes.YAxis = plot.Axes.Right;
        lambda.LegendText = "largest Lyapunov exponent (1/µs, right)";
        plot.Axes.Right.Label.Text = "λ (1/µs)";
        plot.Title($"VO2 Mott oscillator: ISIs and λ against bias (noise × {noise})");
        plot.XLabel("bias V");
        plot.YLabel("inter-spike interval (µs)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 600);
    }
}
