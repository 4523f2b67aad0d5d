namespace SpikeCore.Output;

/// <summary>One panel of <see cref="Plots.Lines"/>.</summary>
/// <param name="Title">Panel title.</param>
/// <param name="XLabel">X axis label, with unit.</param>
/// <param name="YLabel">Y axis label, with unit.</param>
/// <param name="Series">Lines: name, x values, y values.</param>
public sealed record LinePanel(string Title, string XLabel, string YLabel, IReadOnlyList<(string Name, double[] X, double[] Y)> Series);
