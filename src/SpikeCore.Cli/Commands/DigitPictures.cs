using ScottPlot;
using SpikeCore.Reservoir.FrontEnd;
using SpikeCore.Reservoir.Reservoirs;
using SpikeCore.Reservoir.Tasks;

namespace SpikeCore.Cli.Commands;

/// <summary>Pictures of one utterance: its cochleagram and, with a liquid, the input and liquid spike raster.</summary>
internal static class DigitPictures
{
    /// <summary>Writes cochleagram.png (and raster.png for a liquid) into <paramref name="folder"/>; returns the paths.</summary>
    public static string[] Write(DigitsExperiment experiment, DigitRecording recording, string folder)
    {
        string title = $"digit {recording.Digit}, {recording.Speaker}, take {recording.Index}";
        string cochleagram = Path.Combine(folder, "cochleagram.png");
        if (experiment.Reservoir != ReservoirKind.Lsm)
        {
            WriteCochleagram(Cochleagram.Compute(SpikeCore.Reservoir.Audio.WavFile.Read(recording.Path), experiment.FrontEnd), title, cochleagram);
            return [cochleagram];
        }

        (Cochleagram c, IReadOnlyList<double>[] inputs, LiquidResponse liquid) = experiment.Example(recording);
        WriteCochleagram(c, title, cochleagram);
        string raster = Path.Combine(folder, "raster.png");
        var plot = new Plot();
        double[] inputTimes = inputs.SelectMany(t => t).ToArray();
        double[] inputRows = inputs.SelectMany((t, ch) => t.Select(_ => (double)(liquid.Size + ch))).ToArray();
        AddDots(plot, inputTimes, inputRows, Colors.OrangeRed, "input channels");
        AddDots(plot, liquid.SpikeTimesMs, liquid.SpikeNeurons.Select(n => (double)n).ToArray(), Colors.Black, "liquid neurons");
        plot.Title($"{title}: {inputTimes.Length} input spikes, {liquid.SpikeTimesMs.Length} liquid spikes");
        plot.XLabel("time (ms)");
        plot.YLabel("liquid neuron / input channel (top)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(raster, 1000, 600);
        return [cochleagram, raster];
    }

    private static void AddDots(Plot plot, double[] x, double[] y, Color color, string label)
    {
        var dots = plot.Add.ScatterPoints(x, y);
        dots.Color = color;
        dots.MarkerSize = 2;
        dots.LegendText = label;
    }

    private static void WriteCochleagram(Cochleagram c, string title, string path)
    {
        int channels = c.Frames[0].Length;
        var values = new double[channels, c.Frames.Length];
        for (int t = 0; t < c.Frames.Length; t++)
        {
            for (int ch = 0; ch < channels; ch++)
            {
                values[channels - 1 - ch, t] = c.Frames[t][ch]; // heatmap rows draw top down: high frequencies on top
            }
        }

        var plot = new Plot();
        var map = plot.Add.Heatmap(values);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(map);
        plot.Title($"cochleagram: {title}");
        plot.XLabel($"frame ({c.HopMs} ms)");
        plot.YLabel($"channel ({c.CentreHz[0]:F0} to {c.CentreHz[^1]:F0} Hz, low at bottom)");
        plot.SavePng(path, 900, 500);
    }
}
