using System.Globalization;
using Parquet.Schema;
using Parquet;
using SpikeCore.Compiled;
using SpikeCore.Recording;

namespace SpikeCore.Output;

/// <summary>
/// Writes a spike list as CSV or Parquet with columns <c>time_ms</c> (double), <c>neuron</c> (global id, int) and
/// <c>population</c> (name), so <c>pandas.read_parquet</c> / <c>read_csv</c> open it directly.
/// </summary>
public static class SpikeFiles
{
    /// <summary>Writes <c>time_ms,neuron,population</c> rows.</summary>
    public static void WriteCsv(SpikeRecorder spikes, Network network, string path)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        ArgumentNullException.ThrowIfNull(network);
        string[] names = PopulationNames(network);
        using var writer = new StreamWriter(path);
        writer.WriteLine("time_ms,neuron,population");
        spikes.ForEachChunk((t, n) =>
        {
            for (int i = 0; i < t.Length; i++)
            {
                writer.Write(t[i].ToString("R", CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(n[i].ToString(CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.WriteLine(names[n[i]]);
            }
        });
    }

    /// <summary>Writes one row group with the three columns (population dictionary-encoded by Parquet).</summary>
    public static async Task WriteParquetAsync(SpikeRecorder spikes, Network network, string path)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        ArgumentNullException.ThrowIfNull(network);
        int[] neurons = spikes.Neurons();
        string[] names = PopulationNames(network);
        var schema = new ParquetSchema(new DataField<double>("time_ms"), new DataField<int>("neuron"), new DataField<string>("population"));
        await using Stream file = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, file);
        using ParquetRowGroupWriter group = writer.CreateRowGroup();
        await group.WriteAsync<double>(schema.DataFields[0], spikes.TimesMs());
        await group.WriteAsync<int>(schema.DataFields[1], neurons);
        await group.WriteAsync(schema.DataFields[2], neurons.Select(n => names[n]).ToArray(), null);
    }

    /// <summary>Reads back a Parquet spike file (times and neuron ids).</summary>
    public static async Task<(double[] TimesMs, int[] Neurons)> ReadParquetAsync(string path)
    {
        await using Stream file = File.OpenRead(path);
        await using ParquetReader reader = await ParquetReader.CreateAsync(file);
        DataField[] fields = reader.Schema.GetDataFields();
        var times = new List<double>();
        var neurons = new List<int>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            var t = new double[group.RowCount];
            var n = new int[group.RowCount];
            await group.ReadAsync<double>(fields[0], t);
            await group.ReadAsync<int>(fields[1], n);
            times.AddRange(t);
            neurons.AddRange(n);
        }

        return (times.ToArray(), neurons.ToArray());
    }

    private static string[] PopulationNames(Network network)
    {
        var names = new string[network.NeuronCount];
        foreach (PopulationInfo p in network.Populations)
        {
            names.AsSpan(p.FirstId, p.Size).Fill(p.Name);
        }

        return names;
    }
}
