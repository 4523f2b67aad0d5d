using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SpikeCore.Optimization.MaxCut;
using SpikeCore.Optimization.Solvers;
using SpikeCore.Output;

namespace SpikeCore.Cli.Commands;

/// <summary>
/// <c>spikecore maxcut-bench</c>: every solver on a set of instances with the same time budget and seed; a markdown
/// table (printed), bench.csv, cut-vs-time.png (best cut so far / best known against wall time, one panel per
/// instance) and the issue's targets counted per solver.
/// </summary>
internal static class MaxCutBenchCommand
{
    public static Command Create()
    {
        var instances = new Option<string>("--instances") { Description = "Gset names or files, comma-separated; G1..G10 is a range", DefaultValueFactory = _ => "G1..G10" };
        var solvers = new Option<string>("--solvers") { Description = "Comma-separated: " + MaxCutSolvers.Description, DefaultValueFactory = _ => string.Join(",", MaxCutSolvers.Names) };
        var timeLimit = new Option<double>("--time-limit-s") { Description = "Wall time per solver and instance (runs start until it is spent)", DefaultValueFactory = _ => 10 }.Within(0.001, 604_800.0);
        var runs = new Option<int>("--runs") { Description = "Most runs per solver and instance", DefaultValueFactory = _ => 1000 }.Within(1, 1_000_000_000);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the runs (the same for every solver)", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for bench.csv and cut-vs-time.png", DefaultValueFactory = _ => "maxcut-bench" };
        var json = new Option<bool>("--json") { Description = "Print the rows as one JSON array instead of the table" };
        var command = new Command("maxcut-bench", "All max-cut solvers over a set of Gset instances: table (markdown, CSV) and cut-vs-time PNG")
        {
            instances, solvers, timeLimit, runs, seed, output, json,
        };
        command.SetAction(parse => Execute(parse.GetValue(instances)!, parse.GetValue(solvers)!, parse.GetValue(timeLimit), parse.GetValue(runs),
            parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(json)));
        return command;
    }

    /// <summary>"G1..G3,G22" → G1, G2, G3, G22.</summary>
    internal static List<string> ExpandInstances(string list)
    {
        var names = new List<string>();
        foreach (string item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] ends = item.Split("..");
            if (ends.Length == 1)
            {
                names.Add(item);
                continue;
            }

            if (ends.Length != 2 || !TryNumber(ends[0], out string prefix, out int from) || !TryNumber(ends[1], out string prefix2, out int to) || prefix != prefix2 || to < from)
            {
                throw new ArgumentException($"maxcut-bench: cannot read the range '{item}' (write it like G1..G10)");
            }

            names.AddRange(Enumerable.Range(from, to - from + 1).Select(k => prefix + k.ToString(CultureInfo.InvariantCulture)));
        }

        return names.Count > 0 ? names : throw new ArgumentException("maxcut-bench: --instances names no instance");
    }

    private static bool TryNumber(string name, out string prefix, out int number)
    {
        int digits = name.Length;
        while (digits > 0 && char.IsAsciiDigit(name[digits - 1]))
        {
            digits--;
        }

        prefix = name[..digits];
        return int.TryParse(name[digits..], NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    private static int Execute(string instanceList, string solverList, double timeLimit, int maxRuns, ulong seed, string output, bool json)
    {
        List<string> instances;
        string[] solvers = solverList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            instances = ExpandInstances(instanceList);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        if (solvers.Length == 0 || solvers.Any(s => !MaxCutSolvers.Names.Contains(s)) || !(timeLimit > 0) || maxRuns < 1)
        {
            Console.Error.WriteLine($"maxcut-bench: --solvers must list some of {string.Join(", ", MaxCutSolvers.Names)}, --time-limit-s > 0 and --runs >= 1 (got {solverList}, {timeLimit}, {maxRuns})");
            return 2;
        }

        var graphs = instances.Select(name => (Path: MaxCutSolvers.InstancePath(name), Graph: MaxCutGraph.Read(MaxCutSolvers.InstancePath(name)))).ToList(); // every file read (and checked) before any run
        var rows = new List<Row>();
        Progress.Run($"{graphs.Count} instances × {solvers.Length} solvers, {timeLimit} s each", !json, progress =>
        {
            foreach ((string path, MaxCutGraph graph) in graphs)
            {
                long? bestKnown = BestKnownCuts.ForInstance(path);
                foreach (string solver in solvers)
                {
                    RunSummary summary = RunSummary.Collect(MaxCutSolvers.Runner(solver, graph, seed), maxRuns, timeLimit, bestKnown);
                    rows.Add(new Row(graph.Name, solver, summary));
                    progress?.Report(rows.Count / (double)(graphs.Count * solvers.Length));
                }
            }
        });

        Directory.CreateDirectory(output);
        string csv = Path.Combine(output, "bench.csv"), png = Path.Combine(output, "cut-vs-time.png");
        File.WriteAllLines(csv, rows.Select(r => string.Join(",", r.Cells(csv: true))).Prepend(string.Join(",", Row.Columns)));
        Plots.Lines([.. rows.GroupBy(r => r.Instance).Select(g => new LinePanel(
            g.Key + (g.First().Summary.BestKnown is { } k ? $" (best known {k})" : ""),
            "log10 wall time (s)",
            $"best cut so far / target (from {PlotFloor})",
            [.. g.Select(r => Curve(r))]))], png);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(rows.Select(r => r.Json()), CliJson.Options));
            return 0;
        }

        Console.WriteLine("| " + string.Join(" | ", Row.Columns) + " |");
        Console.WriteLine("|" + string.Concat(Enumerable.Repeat("---|", Row.Columns.Length)));
        foreach (Row r in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", r.Cells(csv: false)) + " |");
        }

        Console.WriteLine();
        foreach (string solver in solvers)
        {
            Console.WriteLine(Targets(solver, rows, instances.Count));
        }

        Console.WriteLine($"wrote {csv} and {png}");
        return 0;
    }

    /// <summary>The lowest ratio drawn: the curves' last percent or two is where the solvers differ.</summary>
    private const double PlotFloor = 0.98;

    /// <summary>One solver's best cut so far / target against log10 wall time, from the first point at or above <see cref="PlotFloor"/>.</summary>
    private static (string Name, double[] X, double[] Y) Curve(Row r)
    {
        var points = r.Summary.BestSoFar().Select(p => (X: Math.Log10(Math.Max(p.Seconds, 1e-4)), Y: p.Cut / (double)r.Summary.Target)).ToList();
        int first = Math.Min(points.FindIndex(p => p.Y >= PlotFloor) is var k and >= 0 ? k : points.Count - 1, points.Count - 1);
        return (r.Solver, [.. points.Skip(first).Select(p => p.X)], [.. points.Skip(first).Select(p => p.Y)]);
    }

    /// <summary>The issue's targets for one solver: mean ≥ 99.5% of the best known, the best known reached, TTS99 within 3× that of sa.</summary>
    private static string Targets(string solver, List<Row> rows, int instances)
    {
        var mine = rows.Where(r => r.Solver == solver).ToList();
        int mean = mine.Count(r => r.Summary.BestKnown is { } k && r.Summary.MeanCut >= 0.995 * k);
        int reached = mine.Count(r => r.Summary.BestKnown is { } k && r.Summary.BestCut >= k);
        string versusSa = rows.Any(r => r.Solver == "sa") && solver != "sa"
            ? $", TTS99 within 3× of sa on {mine.Count(r => rows.First(s => s.Solver == "sa" && s.Instance == r.Instance).Summary.Tts99Seconds is double sa && double.IsFinite(r.Summary.Tts99Seconds) && r.Summary.Tts99Seconds <= 3 * sa)}"
            : "";
        return $"{solver}: mean ≥ 99.5% of best known on {mean}/{instances}, best known reached on {reached}/{instances}{versusSa}";
    }

    private sealed record Row(string Instance, string Solver, RunSummary Summary)
    {
        public static readonly string[] Columns = ["instance", "solver", "runs", "s_per_run", "best_cut", "best_known", "best_ratio", "mean_ratio", "hit_rate", "time_to_best_s", "tts99_s"];

        public string[] Cells(bool csv)
        {
            RunSummary s = Summary;
            double? known = s.BestKnown;
            string F(double x, string format) => double.IsInfinity(x) ? (csv ? "inf" : "∞") : x.ToString(format, CultureInfo.InvariantCulture);
            return
            [
                Instance, Solver, s.Runs.Count.ToString(CultureInfo.InvariantCulture), F(s.SecondsPerRun, "0.000"), s.BestCut.ToString(CultureInfo.InvariantCulture),
                known?.ToString(CultureInfo.InvariantCulture) ?? "", known is { } k ? F(s.BestCut / k, csv ? "0.00000" : "0.000%") : "",
                known is { } m ? F(s.MeanCut / m, csv ? "0.00000" : "0.000%") : "", F(s.HitRate, "0.00"), F(s.SecondsToBest, "0.000"), F(s.Tts99Seconds, "0.000"),
            ];
        }

        public object Json() => new
        {
            instance = Instance,
            solver = Solver,
            runs = Summary.Runs.Count,
            s_per_run = Summary.SecondsPerRun,
            best_cut = Summary.BestCut,
            best_known = Summary.BestKnown,
            ratio = Summary.BestKnown is { } k ? Summary.BestCut / (double)k : (double?)null,
            mean_ratio = Summary.BestKnown is { } m ? Summary.MeanCut / m : (double?)null,
            hit_rate = Summary.HitRate,
            time_to_best_s = Summary.SecondsToBest,
            tts99_s = double.IsInfinity(Summary.Tts99Seconds) ? (double?)null : Summary.Tts99Seconds,
        };
    }
}
