namespace SpikeCore.Optimization.Oscillators;

/// <summary>A simulated <see cref="MottOscillator"/>: samples of (v, T) and the spike times.</summary>
/// <param name="TimesNs">Sample times.</param>
/// <param name="VoltagesV">v at each sample.</param>
/// <param name="TemperaturesK">T at each sample.</param>
/// <param name="SpikeTimesNs">Times T crossed the spike threshold upwards.</param>
public sealed record MottTrajectory(double[] TimesNs, double[] VoltagesV, double[] TemperaturesK, double[] SpikeTimesNs);
