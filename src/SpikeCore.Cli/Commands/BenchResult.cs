using System.Globalization;
using System.Text.Json.Serialization;
using Spectre.Console;
using SpikeCore.Compiled;
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
            Recording.SpikeHash.Format(s.SpikeHash));
    }

    public static void PrintTable(BenchResult result)
    {
        var table = new Table().AddColumns("figure", "value");
        foreach ((string key, string value) in result.Rows())
        {
            table.AddRow(key, value);
        }

        AnsiConsole.Write(table);
    }

    public IEnumerable<(string Key, string Value)> Rows()
    {
        var c = CultureInfo.InvariantCulture;
        yield return ("network", Network);
        yield return ("neurons", Neurons.ToString(c));
        yield return ("synapses", Synapses.ToString(c));
        yield return ("simulated", $"{DurationMs.ToString(c)} ms");
        yield return ("build", $"{BuildSeconds.ToString("F3", c)} s ({(BuildSynapsesPerSecond / 1e6).ToString("F1", c)} M synapses/s)");
        yield return ("wall (simulation)", $"{WallSeconds.ToString("F3", c)} s");
        yield return ("wall per simulated second", $"{SecondsPerSimulatedSecond.ToString("F4", c)} s");
        yield return ("spikes", Spikes.ToString(c));
        yield return ("mean rate", $"{MeanRateHz.ToString("F2", c)} Hz");
        yield return ("CV of ISI", CvIsi.ToString("F2", c));
        yield return ("synaptic events", SynapticEvents.ToString(c));
        yield return ("events per second", $"{(EventsPerSecond / 1e6).ToString("F1", c)} M/s");
        yield return ("bytes per synapse", BytesPerSynapse.ToString("F2", c));
        yield return ("spike hash", SpikeHash);
    }
}
