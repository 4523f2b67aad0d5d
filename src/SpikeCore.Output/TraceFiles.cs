using System.Globalization;
using Parquet.Schema;
using Parquet;
using SpikeCore.Recording;

namespace SpikeCore.Output;

/// <summary>Writes state traces in long form: <c>time_ms</c>, <c>population</c>, <c>neuron</c>, <c>variable</c>, <c>value</c>.</summary>
public static class TraceFiles
{
    /// <summary>Writes the traces of every recorder as CSV.</summary>
    public static void WriteCsv(IEnumerable<StateRecorder> recorders, string path)
    {
        ArgumentNullException.ThrowIfNull(recorders);
        using var writer = new StreamWriter(path);
        writer.WriteLine("time_ms,population,neuron,variable,value");
        foreach (StateRecorder r in recorders)
        {
            for (int s = 0; s < r.SampleCount; s++)
            {
                for (int k = 0; k < r.Neurons.Count; k++)
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.TimesMs[s]:R},{r.Population},{r.Neurons[k]},{r.Variable},{r.Value(s, k):R}"));
                }
            }
        }
    }

    /// <summary>Writes the traces of every recorder as Parquet.</summary>
    public static async Task WriteParquetAsync(IEnumerable<StateRecorder> recorders, string path)
    {
        ArgumentNullException.ThrowIfNull(recorders);
        var time = new List<double>();
        var population = new List<string>();
        var neuron = new List<int>();
        var variable = new List<string>();
        var value = new List<double>();
        foreach (StateRecorder r in recorders)
        {
            for (int s = 0; s < r.SampleCount; s++)
            {
                for (int k = 0; k < r.Neurons.Count; k++)
                {
                    time.Add(r.TimesMs[s]);
                    population.Add(r.Population);
                    neuron.Add(r.Neurons[k]);
                    variable.Add(r.Variable);
                    value.Add(r.Value(s, k));
                }
            }
        }

        var schema = new ParquetSchema(new DataField<double>("time_ms"), new DataField<string>("population"), new DataField<int>("neuron"),
            new DataField<string>("variable"), new DataField<double>("value"));
        await using Stream file = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, file);
        using ParquetRowGroupWriter group = writer.CreateRowGroup();
        await group.WriteAsync<double>(schema.DataFields[0], time.ToArray());
        await group.WriteAsync(schema.DataFields[1], population, null);
        await group.WriteAsync<int>(schema.DataFields[2], neuron.ToArray());
        await group.WriteAsync(schema.DataFields[3], variable, null);
        await group.WriteAsync<double>(schema.DataFields[4], value.ToArray());
    }
}
