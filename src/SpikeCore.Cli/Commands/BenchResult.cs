using System.Globalization;
using System.Text.Json.Serialization;
using Spectre.Console;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Recording;
using SpikeCore.Running;

namespace SpikeCore.Cli.Commands;

/// <summary>The figures of one benchmark run, as printed and as JSON.</summary>
internal sealed record BenchResult(
    [property: JsonPropertyName("network")] string Network,
    [property: JsonPropertyName("neurons")] int Neurons,
    [property: JsonPropertyName("synapses")] long Synapses,
    [property: JsonPropertyName("duration_ms")] double DurationMs,
    [property: JsonPropertyName("build_s")] double BuildSeconds,
    [property: JsonPropertyName("wall_s")] double WallSeconds,
    [property: JsonPropertyName("s_per_simulated_s")] double SecondsPerSimulatedSecond,
    [property: JsonPropertyName("spikes")] long Spikes,
    [property: JsonPropertyName("mean_rate_hz")] double MeanRateHz,
    [property: JsonPropertyName("cv_isi")] double CvIsi,
    [property: JsonPropertyName("synaptic_events")] long SynapticEvents,
    [property: JsonPropertyName("events_per_s")] double EventsPerSecond,
    [property: JsonPropertyName("bytes_per_synapse")] double BytesPerSynapse,
    [property: JsonPropertyName("build_synapses_per_s")] double BuildSynapsesPerSecond,
    [property: JsonPropertyName("peak_working_set_mb")] double PeakWorkingSetMb,
    [property: JsonPropertyName("spike_hash")] string SpikeHash)
{
    /// <summary>How the run scheduled its neurons: <c>windows</c> or <c>events</c>.</summary>
    [JsonPropertyName("scheduler")]
    public string Scheduler { get; init; } = "";

    /// <summary>Why: the window width, or what rules windows out.</summary>
    [JsonPropertyName("scheduler_reason")]
    public string SchedulerReason { get; init; } = "";

    /// <summary>
    /// The part of <see cref="WallSeconds"/> .NET's JIT spent compiling code on first use
    /// (<see cref="Running.SimulationStatistics.CompileSeconds"/>: every thread, over the wall time's own stretches, so
    /// that compiling this result's own code after the run is not subtracted from the run): a one-time cost, as a C++
    /// simulator's compilation, which Brian2's main loop time excludes.
    /// </summary>
    [JsonPropertyName("compile_s")]
    public double CompileSeconds { get; init; }

    /// <summary>Floating-point format of the clocked conductance populations: <c>float64</c>, or <c>float32</c> when asked.</summary>
    [JsonPropertyName("precision")]
    public string Precision { get; init; } = "float64";

    /// <summary>The run's phases (<c>--profile</c>), or null.</summary>
    [JsonPropertyName("profile")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProfileFigures? Profile { get; init; }

    public static BenchResult From(string name, Network net, Simulation sim, double durationMs, SimulationStatistics s)
    {
        double build = net.BuildTime.TotalSeconds;
        double cv = sim.Spikes is { } spikes ? SpikeStatistics.MeanCvIsi(spikes.TimesMs(), spikes.Neurons(), net.NeuronCount) : double.NaN;
        return new BenchResult(
            name,
            net.NeuronCount,
            net.SynapseCount,
            durationMs,
            build,
            s.WallSeconds,
            durationMs > 0 ? s.WallSeconds / (durationMs / 1000) : 0,
            s.Spikes,
            durationMs > 0 ? s.Spikes / (net.NeuronCount * durationMs / 1000) : 0,
            cv,
            s.SynapticEvents,
            s.EventsPerSecond,
            net.BytesPerSynapse,
            build > 0 ? net.SynapseCount / build : 0,
            Environment.WorkingSet / 1e6,
            Recording.SpikeHash.Format(s.SpikeHash))
        {
            Profile = sim.Profile is { } profile ? ProfileFigures.From(profile) : null,
            Scheduler = sim.Scheduler.ToString().ToLowerInvariant(),
            SchedulerReason = sim.SchedulerReason,
            Precision = net.Spec.Populations.Any(p => p.Model is LifCondExp { Precision: Models.Neurons.Precision.Binary32 }) ? "float32" : "float64",
        };
    }

    public static void PrintTable(BenchResult result)
    {
        var table = new Table().AddColumns("figure", "value");
        foreach ((string key, string value) in result.Rows())
        {
            table.AddRow(key, value);
        }

        AnsiConsole.Write(table);
        if (result.Profile is { } profile)
        {
            var phases = new Table().AddColumns("phase", "seconds", "share", "events", "events/s");
            var c = CultureInfo.InvariantCulture;
            foreach ((string phase, PhaseFigures f) in profile.Phases)
            {
                phases.AddRow(phase, f.Seconds.ToString("F3", c), $"{(100 * f.Share).ToString("F1", c)}%", f.Events.ToString(c), f.Seconds > 0 ? (f.Events / f.Seconds).ToString("G3", c) : "-");
            }

            phases.AddRow("other (queue, heap, checks)", profile.OtherSeconds.ToString("F3", c), $"{(100 * profile.OtherSeconds / Math.Max(profile.WallSeconds, 1e-300)).ToString("F1", c)}%", "", "");
            AnsiConsole.Write(phases);
            if (profile.WaitingByThread.Count > 0)
            {
                AnsiConsole.WriteLine($"waiting by thread: {string.Join(", ", profile.WaitingByThread.Select(w => w.ToString("F3", c)))} s");
            }

            var counts = new Table().AddColumns("count", "value", "per spike");
            foreach ((string what, long n) in profile.Counts)
            {
                counts.AddRow(what, n.ToString(c), result.Spikes > 0 ? ((double)n / result.Spikes).ToString("F2", c) : "-");
            }

            AnsiConsole.Write(counts);
        }
    }

    public IEnumerable<(string Key, string Value)> Rows()
    {
        var c = CultureInfo.InvariantCulture;
        yield return ("network", Network);
        yield return ("neurons", Neurons.ToString(c));
        yield return ("synapses", Synapses.ToString(c));
        yield return ("simulated", $"{DurationMs.ToString(c)} ms");
        yield return ("build", $"{BuildSeconds.ToString("F3", c)} s ({(BuildSynapsesPerSecond / 1e6).ToString("F1", c)} M synapses/s)");
        yield return ("wall (simulation)", $"{WallSeconds.ToString("F3", c)} s ({CompileSeconds.ToString("F3", c)} s of it compiling code on first use)");
        yield return ("wall per simulated second", $"{SecondsPerSimulatedSecond.ToString("F4", c)} s");
        yield return ("spikes", Spikes.ToString(c));
        yield return ("mean rate", $"{MeanRateHz.ToString("F2", c)} Hz");
        yield return ("CV of ISI", CvIsi.ToString("F2", c));
        yield return ("synaptic events", SynapticEvents.ToString(c));
        yield return ("events per second", $"{(EventsPerSecond / 1e6).ToString("F1", c)} M/s");
        yield return ("bytes per synapse", BytesPerSynapse.ToString("F2", c));
        yield return ("spike hash", SpikeHash);
        yield return ("scheduler", $"{Scheduler} ({SchedulerReason})");
        yield return ("precision", Precision);
    }
}

/// <summary>A run's phases as <c>bench --profile</c> prints them (see <see cref="RunProfile"/>).</summary>
/// <param name="Phases">Seconds, share of the wall time and events per phase, by snake-case name.</param>
/// <param name="OtherSeconds">Wall time no phase accounts for.</param>
/// <param name="WallSeconds">The run's wall time.</param>
/// <param name="SampledEvery">One event in this many is timed.</param>
/// <param name="Counts">The model's own work beyond events (<see cref="ProfileCount"/>), by snake-case name.</param>
/// <param name="WaitingByThread">Each thread's waits at the windows' ends (<see cref="RunProfile.WaitingByThread"/>; empty on one thread).</param>
internal sealed record ProfileFigures(
    [property: JsonPropertyName("phases")] IReadOnlyDictionary<string, PhaseFigures> Phases,
    [property: JsonPropertyName("counts")] IReadOnlyDictionary<string, long> Counts,
    [property: JsonPropertyName("other_s")] double OtherSeconds,
    [property: JsonPropertyName("wall_s")] double WallSeconds,
    [property: JsonPropertyName("sampled_every")] int SampledEvery,
    [property: JsonPropertyName("waiting_by_thread_s")] IReadOnlyList<double> WaitingByThread)
{
    public static ProfileFigures From(RunProfile p) => new(
        Enum.GetValues<ProfilePhase>().ToDictionary(SnakeCase, phase => new PhaseFigures(p.Seconds(phase), p.WallSeconds > 0 ? p.Seconds(phase) / p.WallSeconds : 0, p.Count(phase))),
        Enum.GetValues<ProfileCount>().ToDictionary(SnakeCase, p.Count),
        p.OtherSeconds,
        p.WallSeconds,
        RunProfile.SamplingInterval,
        p.WaitingByThread);

    private static string SnakeCase<T>(T value)
        where T : struct, Enum =>
        string.Concat(value.ToString().Select((ch, k) => k > 0 && char.IsUpper(ch) ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}

/// <summary>One phase's figures.</summary>
internal sealed record PhaseFigures(
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("share")] double Share,
    [property: JsonPropertyName("events")] long Events);
