namespace SpikeCore.Optimization.Oscillators;

/// <summary>The state of one <see cref="MottOscillator"/>.</summary>
/// <param name="VoltageV">v, the node voltage.</param>
/// <param name="TemperatureK">T, the device temperature.</param>
/// <param name="Branch">δ: +1 on the heating branch of the hysteresis loop, −1 on the cooling branch.</param>
public readonly record struct MottState(double VoltageV, double TemperatureK, int Branch);
