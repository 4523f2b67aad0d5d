using System.CommandLine;
using System.Text.Json;
using ScottPlot;
using SpikeCore.Reservoir.Readout;
using SpikeCore.Reservoir.Reservoirs;
using SpikeCore.Reservoir.FrontEnd;
using SpikeCore.Reservoir.Tasks;
using SpikeCore.Reservoir;
using SpikeCore;

namespace SpikeCore.Cli.Commands;

/// <summary><c>spikecore digits</c>: spoken-digit recognition with and without a reservoir, on FSDD or any folder of FSDD-named files.</summary>
internal static class DigitsCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = $"Folder of {{digit}}_{{speaker}}_{{index}}.wav files, or the dataset root holding recordings/ (default: ${DataPaths.Variable}/fsdd/recordings)" };
        var split = new Option<string>("--split") { Description = "speaker-dependent (takes 0-4 test) or loso (leave one speaker out, every fold)", DefaultValueFactory = _ => "speaker-dependent" };
        var trainSpeakers = new Option<string?>("--train-speakers") { Description = "Comma-separated speakers to train on (test: --test-data, or every other speaker)" };
        var testData = new Option<string?>("--test-data") { Description = "Folder of recordings (or its dataset root) to test on (with --train-speakers)" };
        var reservoir = new Option<string>("--reservoir") { Description = "lsm, device, esn (echo-state network, the rate-based reference), elm or filters (its controls of equal size: no recurrence; no recurrence and no nonlinearity) or none", DefaultValueFactory = _ => "esn" };
        var neurons = new Option<int?>("--neurons") { Description = "Liquid size (rounded to a cube; default 512) or ESN units (default 1,000, at most 2,000)" }.Within(8, 20_000);
        var segments = new Option<int>("--segments") { Description = "Time segments of the features", DefaultValueFactory = _ => new DigitsExperiment().Segments }.Within(1, 100);
        var testTakes = new Option<string?>("--first-test-take") { Description = "Speaker-dependent split: test on takes K to K+4 instead of 0-4; several K, comma-separated, run one fold each (repeated take splits, pooled)" };
        var filterbank = new Option<string>("--filterbank") { Description = "Front end: gammatone, mel or lyon", DefaultValueFactory = _ => new DigitsExperiment().FrontEnd.Filterbank.ToString().ToLowerInvariant() };
        var channels = new Option<int>("--channels") { Description = "Front-end channels", DefaultValueFactory = _ => new DigitsExperiment().FrontEnd.Channels }.Within(1, 256);
        var compare = new Option<string[]>("--compare-with") { Description = "Another digits run's predictions.csv (repeatable): McNemar's test of this run against it on the same test utterances (per seed; its first seed when it has not this one)" };
        var choose = new Option<string?>("--choose-neurons") { Description = "Comma-separated reservoir sizes (lsm, esn, elm, filters): each fold chooses one by leave-one-speaker-out inside its training speakers (nested; unseen test speakers only)" };
        var ensemble = new Option<int?>("--ensemble") { Description = $"esn, elm, filters: independent networks of the seed, each with its own readout, their outputs summed (default {EchoStateEnsemble}; other reservoirs: 1)" }.Within(1, 20);
        var speakerNorm = new Option<string>("--speaker-norm") { Description = "Per-speaker feature normalisation when a test speaker was not heard in training: mean-var (each speaker's features less their mean, over their deviation; the new speaker's from its own unlabelled test recordings, at least 10), mean or none", DefaultValueFactory = _ => SpeakerNorms.First(n => n.Mode == new DigitsExperiment().SpeakerNormalisation).Name };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the reservoir and the encoding (the first, with --seeds)", DefaultValueFactory = _ => 1 };
        var seeds = new Option<int>("--seeds") { Description = "Seeds to run (mean ± sd of the accuracy)", DefaultValueFactory = _ => 1 }.Within(1, 1000);
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var output = new Option<string?>("--out") { Description = "Folder for confusion.png (default: out/digits)" };
        var command = new Command("digits", "Spoken-digit recognition: the no-reservoir baseline and a reservoir (default: an echo-state network), side by side")
        {
            data, split, trainSpeakers, testData, reservoir, neurons, choose, testTakes, filterbank, channels, segments, ensemble, speakerNorm, compare, seed, seeds, json, output,
        };
        command.SetAction(parse => Execute(
            parse.GetValue(data) ?? DataPaths.FsddRecordings, parse.GetValue(split)!, parse.GetValue(trainSpeakers), parse.GetValue(testData),
            parse.GetValue(reservoir)!, parse.GetValue(neurons), parse.GetValue(choose), parse.GetValue(testTakes), parse.GetValue(filterbank)!, parse.GetValue(channels), parse.GetValue(segments), parse.GetValue(ensemble), parse.GetValue(speakerNorm)!, parse.GetValue(compare) ?? [], parse.GetValue(seed), parse.GetValue(seeds), parse.GetValue(json),
            parse.GetValue(output) ?? Path.Combine("out", "digits")));
        return command;
    }

    /// <summary>
    /// Echo-state networks per seed unless --ensemble says otherwise: three, chosen over one by nested
    /// leave-one-speaker-out (README); no other size was tried.
    /// </summary>
    private const int EchoStateEnsemble = 3;

    /// <summary>The values of --speaker-norm.</summary>
    private static readonly (string Name, SpeakerNormalisation Mode)[] SpeakerNorms =
        [("mean-var", SpeakerNormalisation.MeanAndDeviation), ("mean", SpeakerNormalisation.Mean), ("none", SpeakerNormalisation.None)];

    private static int Execute(string folder, string split, string? trainSpeakers, string? testFolder, string reservoir, int? neurons,
        string? choose, string? testTakes, string filterbank, int channels, int segments, int? ensembleOption, string speakerNorm, string[] compareWith, ulong seed, int seeds, bool json, string outFolder)
    {
        int ensemble = ensembleOption ?? (reservoir is "esn" or "elm" or "filters" ? EchoStateEnsemble : 1);
        int[]? takes = testTakes is null ? [0] : OptionRanges.CommaIntegers(testTakes);
        FilterbankKind? bank = filterbank switch { "gammatone" => FilterbankKind.Gammatone, "mel" => FilterbankKind.Mel, "lyon" => FilterbankKind.Lyon, _ => null };
        if (takes is null || takes.Any(t => t < 0) || takes.Distinct().Count() != takes.Length || bank is null)
        {
            Console.Error.WriteLine($"digits: --first-test-take needs distinct takes >= 0, comma-separated, and --filterbank gammatone, mel or lyon (got '{testTakes}', '{filterbank}')");
            return 2;
        }

        var others = new List<Dictionary<(ulong Seed, string File), int>>();
        foreach (string file in compareWith)
        {
            if (!TryReadPredictions(file, out Dictionary<(ulong Seed, string File), int>? other, out string? problem))
            {
                Console.Error.WriteLine($"digits: --compare-with {file}: {problem}");
                return 2;
            }

            others.Add(other!);
        }

        int norm = Array.FindIndex(SpeakerNorms, n => n.Name == speakerNorm);
        if (norm < 0)
        {
            Console.Error.WriteLine($"digits: --speaker-norm must be {string.Join(", ", SpeakerNorms.Select(n => n.Name))} (got '{speakerNorm}')");
            return 2;
        }

        SpeakerNormalisation normalisation = SpeakerNorms[norm].Mode;

        if (reservoir is not ("lsm" or "device" or "esn" or "elm" or "filters" or "none") || split is not ("speaker-dependent" or "loso") || neurons is not (null or >= 8)
            || (reservoir is "esn" or "elm" or "filters" && neurons > EchoStateOptions.MaxUnits) || segments < 1 || seeds < 1
            || (testTakes is not null && (split == "loso" || trainSpeakers is not null)) || (ensemble > 1 && reservoir is not ("esn" or "elm" or "filters")))
        {
            Console.Error.WriteLine($"digits: --reservoir must be lsm, device, esn, elm, filters or none, --split speaker-dependent or loso, --neurons >= 8 (at most {EchoStateOptions.MaxUnits} for esn, elm, filters), --segments >= 1, --seeds >= 1, --first-test-take only with the speaker-dependent split, --ensemble above 1 only for esn, elm, filters (got {reservoir}, {split}, {neurons}, {segments}, {seeds}, {testTakes}, {ensemble})");
            return 2;
        }

        DigitDataset dataset = DigitDataset.Load(folder);
        var folds = new List<(string Name, IReadOnlyList<DigitRecording> Train, IReadOnlyList<DigitRecording> Test)>();
        if (trainSpeakers is not null)
        {
            string[] speakers = trainSpeakers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            (IReadOnlyList<DigitRecording> train, IReadOnlyList<DigitRecording> test) = dataset.TrainOn(speakers);
            folds.Add(("train " + string.Join("+", speakers), train, testFolder is null ? test : DigitDataset.Load(testFolder).Recordings));
        }
        else if (split == "loso")
        {
            folds.AddRange(dataset.Speakers.Select(s => { var (tr, te) = dataset.LeaveOut(s); return ($"without {s}", tr, te); }));
        }
        else
        {
            foreach (int first in takes)
            {
                var (train, test) = dataset.SpeakerDependent(first);
                folds.Add((testTakes is null ? "speaker-dependent" : $"speaker-dependent, takes {first}-{first + 4}", train, test));
            }
        }

        if (normalisation != SpeakerNormalisation.None && folds.SelectMany(f => f.Test.Where(t => !f.Train.Any(r => r.Speaker == t.Speaker)).GroupBy(t => t.Speaker))
            .FirstOrDefault(g => g.Count() < SpeakerNormaliser.MinimumRecordings) is { } few)
        {
            Console.Error.WriteLine($"digits: test speaker '{few.Key}' has {few.Count()} recording(s); --speaker-norm {speakerNorm} adapts to a new speaker from at least {SpeakerNormaliser.MinimumRecordings} (or use --speaker-norm none)");
            return 2;
        }

        int[]? sizes = choose is null ? null : OptionRanges.CommaIntegers(choose) ?? [-1];
        if (sizes is not null && (sizes.Any(n => n < 8 || (reservoir != "lsm" && n > EchoStateOptions.MaxUnits) || n > 20_000)
            || reservoir is "none" or "device" || (trainSpeakers is null && split != "loso")))
        {
            Console.Error.WriteLine($"digits: --choose-neurons needs sizes of at least 8 (at most {EchoStateOptions.MaxUnits} for esn, elm, filters), a reservoir of lsm, esn, elm or filters, and unseen test speakers (--split loso or --train-speakers); got '{choose}' with {reservoir}, {(trainSpeakers is null ? split : "--train-speakers")}");
            return 2;
        }

        if (sizes is not null && folds.FirstOrDefault(f => f.Train.Select(r => r.Speaker).Distinct().Count() < 2) is { Name: { } thin })
        {
            Console.Error.WriteLine($"digits: --choose-neurons leaves each training speaker out in turn, and fold '{thin}' trains on fewer than two speakers");
            return 2;
        }

        var defaults = new DigitsExperiment();
        DigitsExperiment Sized(int? n)
        {
            int side = (int)Math.Round(Math.Cbrt(n ?? 512));
            EchoStateOptions esn = defaults.Esn with { Units = n ?? defaults.Esn.Units };
            return defaults with
            {
                FrontEnd = defaults.FrontEnd with { Filterbank = bank.Value, Channels = channels },
                Segments = segments,
                SpeakerNormalisation = normalisation,
                Ensemble = ensemble,
                Seed = seed,
                Reservoir = reservoir switch { "lsm" => ReservoirKind.Lsm, "device" => ReservoirKind.Device, "esn" or "elm" or "filters" => ReservoirKind.Esn, _ => ReservoirKind.None },
                Liquid = defaults.Liquid with { GridX = side, GridY = side, GridZ = side },
                Esn = reservoir switch { "elm" => esn.ProjectionControl, "filters" => esn.FilterBankControl, _ => esn },
            };
        }

        DigitsExperiment experiment = Sized(neurons);
        DigitRecording[] all = [.. folds.SelectMany(f => f.Train.Concat(f.Test)).Distinct()];
        Dictionary<DigitRecording, int> row = all.Select((r, i) => (r, i)).ToDictionary(p => p.r, p => p.i);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runs = new List<List<(string Fold, DigitsExperiment.Result Result, IReadOnlyList<DigitRecording> Test, int? Chosen)>>();
        for (int k = 0; k < seeds; k++)
        {
            ulong s = seed + (ulong)k;
            var run = new List<(string Fold, DigitsExperiment.Result Result, IReadOnlyList<DigitRecording> Test, int? Chosen)>();
            string prefix = seeds > 1 ? $"seed {s}, " : "";
            // Features of every recording once per candidate (one without --choose-neurons); the folds share them, and with
            // several candidates each fold chooses with its training speakers only.
            DigitsExperiment[] candidates = sizes is null ? [experiment with { Seed = s }] : [.. sizes.Select(n => Sized(n) with { Seed = s })];
            var features = new DigitsExperiment.FeatureRows[candidates.Length];
            for (int c = 0; c < candidates.Length; c++)
            {
                string what = sizes is null ? "" : $"{sizes[c]} neurons: ";
                Progress.Run($"{prefix}{what}{all.Length} utterances", !json, progress => features[c] = candidates[c].Extract(all, progress));
            }

            Progress.Run($"{prefix}{(sizes is null ? "readouts" : "choosing the size")} in {folds.Count} fold(s)", !json, progress =>
            {
                foreach ((string name, IReadOnlyList<DigitRecording> train, IReadOnlyList<DigitRecording> test) in folds)
                {
                    int[] trainRows = [.. train.Select(r => row[r])], testRows = [.. test.Select(r => row[r])];
                    int chosen = sizes is null ? 0 : SpeakerSelection.Choose(candidates, features, trainRows).Candidate;
                    run.Add((name, candidates[chosen].Evaluate(features[chosen], trainRows, testRows), test, sizes?[chosen]));
                    progress?.Report(run.Count / (double)folds.Count);
                }
            });

            runs.Add(run);
        }

        double[] seedAccuracies = runs.Select(run =>
            run.Sum(f => (f.Result.ReservoirAccuracy ?? f.Result.BaselineAccuracy) * f.Test.Count) / run.Sum(f => f.Test.Count)).ToArray();
        (double accuracyMean, double accuracySd) = Metrics.MeanSd(seedAccuracies);
        var results = runs[0];
        int[] actual = results.SelectMany(r => r.Result.TestLabels).ToArray();
        int[] predicted = results.SelectMany(r => r.Result.ReservoirPredictions ?? r.Result.BaselinePredictions).ToArray();
        string[] speakersOfTest = results.SelectMany(r => r.Test.Select(t => t.Speaker)).ToArray();
        var perSpeaker = speakersOfTest.Distinct().Order(StringComparer.Ordinal).ToDictionary(s => s, s =>
        {
            int[] idx = Enumerable.Range(0, actual.Length).Where(i => speakersOfTest[i] == s).ToArray();
            return idx.Count(i => actual[i] == predicted[i]) / (double)idx.Length;
        });
        var confusion = new int[10, 10];
        for (int i = 0; i < actual.Length; i++)
        {
            confusion[actual[i], predicted[i]]++;
        }

        double baseline = results.Average(r => r.Result.BaselineAccuracy);
        // McNemar's exact test per seed, reservoir against baseline on the same test utterances (all folds).
        var mcnemar = runs.Where(run => run.All(f => f.Result.ReservoirPredictions is not null)).Select(run => Metrics.McNemar(
            [.. run.SelectMany(f => f.Result.TestLabels)], [.. run.SelectMany(f => f.Result.ReservoirPredictions!)], [.. run.SelectMany(f => f.Result.BaselinePredictions)])).ToArray();
        double wall = clock.Elapsed.TotalSeconds;
        Directory.CreateDirectory(outFolder);
        WritePredictions(runs.Select(run => run.Select(f => (f.Result, f.Test)).ToList()).ToList(), seed, Path.Combine(outFolder, "predictions.csv"));
        // McNemar's test per seed against other runs' predictions of the same utterances (their seed, or their first).
        var versus = new List<(int OnlyThis, int OnlyOther, double PValue)[]>();
        var testedPerSeed = runs.Select(run => run.SelectMany(f => f.Test.Zip(f.Result.ReservoirPredictions ?? f.Result.BaselinePredictions, f.Result.TestLabels)).ToArray()).ToArray();
        for (int o = 0; o < others.Count; o++)
        {
            Dictionary<(ulong Seed, string File), int> other = others[o];
            var perSeed = new (int, int, double)[runs.Count];
            for (int k = 0; k < runs.Count; k++)
            {
                ulong s = seed + (ulong)k;
                ulong otherSeed = other.Keys.Any(key => key.Seed == s) ? s : other.Keys.Min(key => key.Seed);
                var tested = testedPerSeed[k];
                if (tested.FirstOrDefault(t => !other.ContainsKey((otherSeed, Path.GetFileName(t.First.Path)))) is { First: { } missing })
                {
                    Console.Error.WriteLine($"digits: --compare-with {compareWith[o]} has no prediction of {Path.GetFileName(missing.Path)} (seed {otherSeed}): compare runs over the same test utterances");
                    return 2;
                }

                perSeed[k] = Metrics.McNemar([.. tested.Select(t => t.Third)], [.. tested.Select(t => t.Second)], [.. tested.Select(t => other[(otherSeed, Path.GetFileName(t.First.Path))])]);
            }

            versus.Add(perSeed);
        }

        WriteConfusion(confusion, Path.Combine(outFolder, "confusion.png"), reservoir);
        string[] pictures = DigitPictures.Write(experiment, folds[0].Test[0], outFolder);
        if (json)
        {
            var summary = new
            {
                split = trainSpeakers is null && split == "loso" ? "loso" : folds.Count == 1 ? folds[0].Name : "speaker-dependent, takes " + string.Join(", ", takes.Select(t => $"{t}-{t + 4}")),
                reservoir,
                neurons = experiment.Reservoir switch { ReservoirKind.Lsm => experiment.Liquid.Size, ReservoirKind.Esn => experiment.Esn.Units, _ => 0 },
                ensemble,
                speaker_norm = speakerNorm,
                accuracy = accuracyMean,
                accuracy_sd = accuracySd,
                seeds,
                per_seed = seedAccuracies,
                baseline_accuracy = baseline,
                difference = accuracyMean - baseline,
                per_speaker = perSpeaker,
                folds = runs.SelectMany((run, k) => run.Select(r => new { seed = seed + (ulong)k, fold = r.Fold, accuracy = r.Result.ReservoirAccuracy ?? r.Result.BaselineAccuracy, baseline_accuracy = r.Result.BaselineAccuracy, chosen_neurons = r.Chosen })),
                mcnemar = mcnemar.Select(m => new { only_reservoir = m.OnlyFirst, only_baseline = m.OnlySecond, p_value = m.PValue }),
                compared_with = compareWith.Select((file, o) => new { file, mcnemar = versus[o].Select(m => new { only_this = m.OnlyThis, only_other = m.OnlyOther, p_value = m.PValue }) }),
                test_utterances = actual.Length,
                wall_s = wall,
            };
            Console.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
            return 0;
        }

        string spread = seeds > 1 ? $" ± {accuracySd:P2} over {seeds} seeds" : "";
        Console.WriteLine($"accuracy {accuracyMean:P2}{spread} ({reservoir}{(ensemble > 1 ? $", ensemble of {ensemble}" : "")}), baseline {baseline:P2} (no reservoir), difference {(accuracyMean - baseline) * 100:+0.00;-0.00} points, {actual.Length} test utterances, {wall:F1} s");
        foreach ((string s, double a) in perSpeaker)
        {
            Console.WriteLine($"  {s,-10} {a:P1}");
        }

        if (results.Count > 1)
        {
            Console.WriteLine("folds (seed " + seed + "): " + string.Join(", ", results.Select(r => $"{r.Fold} {r.Result.ReservoirAccuracy ?? r.Result.BaselineAccuracy:P1} (baseline {r.Result.BaselineAccuracy:P1}{(r.Chosen is { } n ? $", {n} neurons chosen" : "")})")));
        }

        foreach ((var m, int k) in mcnemar.Select((m, k) => (m, k)))
        {
            Console.WriteLine($"McNemar, seed {seed + (ulong)k}: {m.OnlyFirst} utterances only the reservoir got right, {m.OnlySecond} only the baseline, p = {m.PValue:G3}");
        }

        for (int o = 0; o < versus.Count; o++)
        {
            foreach ((var m, int k) in versus[o].Select((m, k) => (m, k)))
            {
                Console.WriteLine($"McNemar against {compareWith[o]}, seed {seed + (ulong)k}: {m.OnlyThis} utterances only this run got right, {m.OnlyOther} only the other, p = {m.PValue:G3}");
            }
        }

        Console.WriteLine("confusion (rows: spoken digit, columns: predicted):");
        for (int d = 0; d < 10; d++)
        {
            Console.WriteLine($"  {d}: " + string.Join(" ", Enumerable.Range(0, 10).Select(p => confusion[d, p].ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(3))));
        }

        Console.WriteLine($"wrote {Path.Combine(outFolder, "confusion.png")}, {string.Join(", ", pictures)}");
        return 0;
    }

    /// <summary>Every test utterance's prediction, one line per seed and utterance: seed, file, digit, predicted, baseline.</summary>
    private static void WritePredictions(List<List<(DigitsExperiment.Result Result, IReadOnlyList<DigitRecording> Test)>> runs, ulong firstSeed, string path)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("seed,file,digit,predicted,baseline");
        for (int k = 0; k < runs.Count; k++)
        {
            foreach ((DigitsExperiment.Result r, IReadOnlyList<DigitRecording> test) in runs[k])
            {
                int[] predicted = r.ReservoirPredictions ?? r.BaselinePredictions;
                for (int i = 0; i < test.Count; i++)
                {
                    writer.WriteLine(FormattableString.Invariant($"{firstSeed + (ulong)k},{Path.GetFileName(test[i].Path)},{r.TestLabels[i]},{predicted[i]},{r.BaselinePredictions[i]}"));
                }
            }
        }
    }

    /// <summary>Reads another run's predictions.csv (<see cref="WritePredictions"/>): predicted digit by seed and file.</summary>
    private static bool TryReadPredictions(string path, out Dictionary<(ulong Seed, string File), int>? predictions, out string? problem)
    {
        predictions = null;
        problem = null;
        if (!File.Exists(path))
        {
            problem = "no such file (give the predictions.csv a digits run wrote to its --out folder)";
            return false;
        }

        predictions = [];
        int n = 0;
        foreach (string line in File.ReadLines(path)) // streamed: a wrong file fails at its first bad line, whatever its size
        {
            if (++n == 1)
            {
                if (line == "seed,file,digit,predicted,baseline")
                {
                    continue;
                }

                problem = "not a digits predictions.csv (its header is seed,file,digit,predicted,baseline, then one line per utterance)";
                predictions = null;
                return false;
            }

            string[] f = line.Split(',');
            if (f.Length != 5 || !ulong.TryParse(f[0], System.Globalization.CultureInfo.InvariantCulture, out ulong s)
                || !int.TryParse(f[3], System.Globalization.CultureInfo.InvariantCulture, out int predicted) || predicted is < 0 or > 9
                || !predictions.TryAdd((s, f[1]), predicted))
            {
                problem = $"line {n} is not seed,file,digit,predicted,baseline with a digit 0-9 (or repeats a seed and file): '{(line.Length > 80 ? line[..80] + "..." : line)}'";
                predictions = null;
                return false;
            }
        }

        if (predictions.Count == 0)
        {
            problem = "holds no predictions (a header, then one line per utterance)";
            predictions = null;
            return false;
        }

        return true;
    }

    private static void WriteConfusion(int[,] confusion, string path, string reservoir)
    {
        var values = new double[10, 10];
        for (int i = 0; i < 10; i++)
        {
            for (int j = 0; j < 10; j++)
            {
                values[9 - i, j] = confusion[i, j]; // heatmap rows are drawn top down: spoken digit i at y = i
            }
        }

        var plot = new Plot();
        var map = plot.Add.Heatmap(values);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(map);
        plot.Title($"spoken digits ({reservoir})");
        plot.XLabel("predicted digit");
        plot.YLabel("spoken digit");
        plot.SavePng(path, 700, 600);
    }
}
