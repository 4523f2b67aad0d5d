using ScottPlot;
using SpikeCore.Compiled;
using SpikeCore.Recording;

namespace SpikeCore.Output;

/// <summary>PNG figures of a run (ScottPlot).</summary>
public static class Plots
{
    /// <summary>
    /// A raster plot (one dot per spike, populations in colour) above the population rate histogram in bins of
    /// <paramref name="binMs"/>. At most <paramref name="maxNeurons"/> neurons are drawn (evenly chosen) to keep it legible.
    /// </summary>
    public static void Raster(SpikeRecorder spikes, Network network, double startMs, double endMs, string path, double binMs = 5, int maxNeurons = 500)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        ArgumentNullException.ThrowIfNull(network);
        double[] times = spikes.TimesMs();
        int[] neurons = spikes.Neurons();
        int stride = Math.Max(1, (network.NeuronCount + maxNeurons - 1) / maxNeurons);
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        Plot raster = multiplot.GetPlot(0);
        Plot rate = multiplot.GetPlot(1);
        var palette = new ScottPlot.Palettes.Category10();
        foreach (PopulationInfo p in network.Populations)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int k = 0; k < times.Length; k++)
            {
                int n = neurons[k];
                if (n >= p.FirstId && n < p.FirstId + p.Size && n % stride == 0 && times[k] >= startMs && times[k] < endMs)
                {
                    xs.Add(times[k]);
                    ys.Add(n);
                }
            }

            var points = raster.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), palette.GetColor(p.Index));
            points.MarkerSize = 2;
            points.LegendText = p.Name;
        }

        raster.Title($"Spike raster ({times.Length} spikes{(stride > 1 ? $", every {stride}th neuron shown" : "")})");
        raster.YLabel("neuron");
        raster.Axes.SetLimitsX(startMs, endMs);
        raster.ShowLegend();

        int bins = Math.Max(1, (int)Math.Ceiling((endMs - startMs) / binMs));
        var counts = new double[bins];
        foreach (double t in times)
        {
            int b = (int)((t - startMs) / binMs);
            if (b >= 0 && b < bins)
            {
                counts[b]++;
            }
        }

        var centers = new double[bins];
        for (int b = 0; b < bins; b++)
        {
            centers[b] = startMs + (b + 0.5) * binMs;
            counts[b] *= 1000.0 / (binMs * network.NeuronCount);
        }

        var bars = rate.Add.Bars(centers, counts);
        foreach (ScottPlot.Bar bar in bars.Bars)
        {
            bar.Size = binMs;
            bar.LineWidth = 0;
        }

        rate.XLabel("time (ms)");
        rate.YLabel("rate (Hz)");
        rate.Axes.SetLimitsX(startMs, endMs);
        multiplot.SavePng(path, 1200, 800);
    }

    /// <summary>One line per recorded neuron of each recorder, one panel per recorder.</summary>
    public static void Traces(IReadOnlyList<StateRecorder> recorders, string path)
    {
        ArgumentNullException.ThrowIfNull(recorders);
        Lines([.. recorders.Select(rec =>
        {
            double[] t = rec.TimesMs.ToArray();
            return new LinePanel($"{rec.Population}: {rec.Variable}", "time (ms)", rec.Variable,
                [.. Enumerable.Range(0, rec.Neurons.Count).Select(k => ($"{rec.Population}[{rec.Neurons[k]}]", t, rec.Trace(k)))]);
        })], path);
    }

    /// <summary>A line chart: one panel per group of series (title, x label, y label, series of (name, x, y)).</summary>
    public static void Lines(IReadOnlyList<LinePanel> panels, string path)
    {
        ArgumentNullException.ThrowIfNull(panels);
        var multiplot = new Multiplot();
        multiplot.AddPlots(Math.Max(1, panels.Count));
        for (int p = 0; p < panels.Count; p++)
        {
            LinePanel panel = panels[p];
            Plot plot = multiplot.GetPlot(p);
            foreach ((string name, double[] x, double[] y) in panel.Series)
            {
                var line = plot.Add.ScatterLine(x, y);
                line.LegendText = name;
                line.MarkerSize = x.Length <= 80 ? 4 : 0;
            }

            plot.Title(panel.Title);
            plot.XLabel(panel.XLabel);
            plot.YLabel(panel.YLabel);
            if (panel.Series.Count is > 1 and <= 8)
            {
                plot.ShowLegend();
            }
        }

        multiplot.SavePng(path, 1200, 400 * Math.Max(1, panels.Count));
    }

    /// <summary>
    /// Images side by side on a grid (receptive fields, learned prototypes): image k is <paramref name="images"/>[k], row
    /// major, <paramref name="width"/> × <paramref name="height"/>, each scaled to its own largest value; a one-pixel gap between tiles.
    /// </summary>
    public static void Tiles(IReadOnlyList<float[]> images, int width, int height, string title, string path)
    {
        ArgumentNullException.ThrowIfNull(images);
        int columns = (int)Math.Ceiling(Math.Sqrt(images.Count)), rows = (images.Count + columns - 1) / Math.Max(1, columns);
        var values = new double[Math.Max(1, rows * (height + 1)), Math.Max(1, columns * (width + 1))];
        for (int y = 0; y < values.GetLength(0); y++)
        {
            for (int x = 0; x < values.GetLength(1); x++)
            {
                values[y, x] = double.NaN; // gaps and empty tiles stay blank
            }
        }

        for (int k = 0; k < images.Count; k++)
        {
            float max = images[k].Length > 0 ? Math.Max(images[k].Max(), float.Epsilon) : 1;
            (int top, int left) = ((k / columns) * (height + 1), (k % columns) * (width + 1));
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    values[top + y, left + x] = images[k][(y * width) + x] / max;
                }
            }
        }

        var plot = new Plot();
        var map = plot.Add.Heatmap(values);
        map.Colormap = new ScottPlot.Colormaps.Grayscale();
        map.NaNCellColor = Colors.White;
        plot.Title(title);
        plot.HideGrid();
        plot.Axes.Frameless();
        int pixels = Math.Clamp(12 * values.GetLength(1), 400, 1600);
        plot.SavePng(path, pixels, (int)(pixels * (double)values.GetLength(0) / values.GetLength(1)) + 60);
    }
}
