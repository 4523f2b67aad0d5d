namespace SpikeCore.Models.Devices;

/// <summary>
/// The ideal device (model name <c>linear_step</c>): every pulse moves G by (G_max − G_min)/P_max (scaled by the
/// device's spread), hard bounds. aihwkit's ConstantStep.
/// </summary>
public sealed record LinearStepDevice : ConductanceDevice
{
    /// <inheritdoc/>
    public override string Name => "linear_step";

    /// <inheritdoc/>
    public override double Apply(double conductanceUs, int pulses, double spread = 1) =>
        Math.Clamp(conductanceUs + pulses * spread * RangeUs / MaxPulses, MinConductanceUs, MaxConductanceUs);
}
