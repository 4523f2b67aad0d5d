using System.Globalization;
using SpikeCore.Compiled;
using SpikeCore.Networks;
using SpikeCore.Output;
using SpikeCore.Running;

namespace SpikeCore.Output.Tests;

public sealed class OutputFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("spikecore-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Spikes_and_traces_round_trip_through_csv_and_parquet_and_plots_are_png()
    {
        Network net = BenchmarkNetworks.Cuba(seed: 8, neurons: 500).Build();
        using var sim = new Simulation(net);
        var trace = sim.RecordState("I", [0, 5], "v_mv", 1);
        sim.Run(200);
        double[] times = sim.Spikes!.TimesMs();
        int[] neurons = sim.Spikes.Neurons();
        Assert.NotEmpty(times);

        string csv = Path.Combine(_folder, "spikes.csv");
        SpikeFiles.WriteCsv(sim.Spikes, net, csv);
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal("time_ms,neuron,population", lines[0]);
        Assert.Equal(times.Length + 1, lines.Length);
        string[] first = lines[1].Split(',');
        Assert.Equal(times[0], double.Parse(first[0], CultureInfo.InvariantCulture));
        Assert.Equal(neurons[0], int.Parse(first[1], CultureInfo.InvariantCulture));
        Assert.Equal(neurons[0] < 400 ? "E" : "I", first[2]);

        string parquet = Path.Combine(_folder, "spikes.parquet");
        await SpikeFiles.WriteParquetAsync(sim.Spikes, net, parquet);
        (double[] readTimes, int[] readNeurons) = await SpikeFiles.ReadParquetAsync(parquet);
        Assert.Equal(times, readTimes);
        Assert.Equal(neurons, readNeurons);

        string traces = Path.Combine(_folder, "traces.csv");
        TraceFiles.WriteCsv([trace], traces);
        Assert.Equal(1 + 2 * trace.SampleCount, File.ReadAllLines(traces).Length);
        await TraceFiles.WriteParquetAsync([trace], Path.Combine(_folder, "traces.parquet"));

        string raster = Path.Combine(_folder, "raster.png");
        Plots.Raster(sim.Spikes, net, 0, 200, raster);
        Plots.Traces([trace], Path.Combine(_folder, "traces.png"));
        foreach (string png in new[] { raster, Path.Combine(_folder, "traces.png") })
        {
            byte[] head = File.ReadAllBytes(png)[..8];
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, head);
        }
    }
}
