using SpikeCore.Parameters;
using SpikeCore.Random;

namespace SpikeCore.Models.Devices;

/// <summary>
/// A pulse-programmed, non-volatile conductance behind a weight (RRAM, PCM, ...): a weight change becomes a number of
/// identical programming pulses, each moving the conductance by the device's update model, with cycle-to-cycle noise
/// and device-to-device spread, clipped to [G_min, G_max].
/// </summary>
/// <remarks>
/// <code>
/// n = round(|ΔG| / (G_max − G_min) · P_max)          (truncation as NeuroSim, or stochastic rounding)
/// G ← clip(Update(G, ±n) + N(0, σ_c2c (G_max − G_min)) √n, G_min, G_max)
/// </code>
/// The update model is deterministic given the device's spread factor d = 1 + σ_d2d ξ (drawn once per device from its
/// key), which scales the model's nonlinearity or step. Sources: NeuroSim (Chen et al. 2018, MLP_NeuroSim V3.0) for the
/// quantisation and noise; aihwkit (Rasch et al. 2021) for the step models. Conductances in µS.
/// </remarks>
public abstract record ConductanceDevice : INamedModel, IValidatedParameters
{
    /// <summary>G_min.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double MinConductanceUs { get; init; } = 0.476;

    /// <summary>G_max.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double MaxConductanceUs { get; init; } = 10;

    /// <summary>P_max, the pulses that take the device across its whole range.</summary>
    [Parameter(ParameterCheck.Positive)]
    public int MaxPulses { get; init; } = 31;

    /// <summary>σ_c2c, cycle-to-cycle noise per √pulse as a fraction of the range (NeuroSim's default is 0.005).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double CycleToCycleSigma { get; init; }

    /// <summary>σ_d2d, relative device-to-device spread of the model's nonlinearity or step.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double DeviceToDeviceSigma { get; init; }

    /// <summary>How weight changes become pulses.</summary>
    [Parameter]
    public PulseRounding Rounding { get; init; } = PulseRounding.Truncate;

    /// <summary>The update model's name in network files.</summary>
    public abstract string Name { get; }

    /// <summary>G_max − G_min.</summary>
    public double RangeUs => MaxConductanceUs - MinConductanceUs;

    /// <summary>The pulses that take the device across its whole range in one direction (<see cref="MaxPulses"/> unless the model's directions differ).</summary>
    public virtual int PulsesAcrossRange(bool potentiating) => MaxPulses;

    /// <summary>
    /// The conductance after <paramref name="pulses"/> noiseless pulses from <paramref name="conductanceUs"/>
    /// (positive: potentiating, negative: depressing) on a device with spread factor <paramref name="spread"/>.
    /// </summary>
    public abstract double Apply(double conductanceUs, int pulses, double spread = 1);

    /// <summary>
    /// The spread factor 1 + σ_d2d ξ of device <paramref name="deviceKey"/> (floored at 0.05), the same every time it is
    /// asked; drawn from the stream of <paramref name="purpose"/> (default: <see cref="StreamPurpose.DeviceSpread"/>).
    /// </summary>
    public double Spread(ulong seed, ulong deviceKey, ulong purpose = StreamPurpose.DeviceSpread)
    {
        if (DeviceToDeviceSigma == 0)
        {
            return 1;
        }

        var rng = KeyedRandom.Create(seed, purpose, deviceKey);
        return Math.Max(0.05, 1 + DeviceToDeviceSigma * rng.NextNormal());
    }

    /// <summary>
    /// Programs a device towards <paramref name="targetUs"/>: quantises the change into pulses, applies them and adds the
    /// cycle-to-cycle noise. Returns the new conductance and the signed pulse count.
    /// </summary>
    public (double ConductanceUs, int Pulses) Program(double conductanceUs, double targetUs, double spread, ref KeyedRandom rng)
    {
        int pulses = PulsesFor(targetUs - conductanceUs, Rounding == PulseRounding.Stochastic, ref rng);
        return (Pulse(conductanceUs, pulses, spread, ref rng), pulses);
    }

    /// <summary>
    /// The signed pulses that ask for a change of <paramref name="deltaUs"/>: the change in steps of the linear device
    /// with the same range and pulse counts (NeuroSim's quantisation, so a nonlinear curve's deviation shows), rounded down
    /// or, when <paramref name="stochastic"/>, up with probability the remainder (one draw from <paramref name="rng"/>).
    /// </summary>
    public int PulsesFor(double deltaUs, bool stochastic, ref KeyedRandom rng)
    {
        // A relative 1e-9 tolerance, so that a change of exactly k pulses is not truncated to k − 1 by rounding.
        double x = Math.Abs(deltaUs) / RangeUs * PulsesAcrossRange(deltaUs > 0) * (1 + 1e-9);
        int n = (int)Math.Min(x, int.MaxValue / 2);
        if (stochastic && rng.NextDouble() < x - n)
        {
            n++;
        }

        return deltaUs > 0 ? n : -n;
    }

    /// <summary>
    /// The conductance after <paramref name="pulses"/> programming pulses (positive: potentiating) with cycle-to-cycle
    /// noise N(0, σ_c2c (G_max − G_min) √|n|), clipped to the range; no pulse, no change.
    /// </summary>
    public double Pulse(double conductanceUs, int pulses, double spread, ref KeyedRandom rng)
    {
        if (pulses == 0)
        {
            return conductanceUs;
        }

        double g = Apply(conductanceUs, pulses, spread);
        if (CycleToCycleSigma > 0)
        {
            g += CycleToCycleSigma * RangeUs * Math.Sqrt(Math.Abs((double)pulses)) * rng.NextNormal();
        }

        return Math.Clamp(g, MinConductanceUs, MaxConductanceUs);
    }

    /// <summary>Adds to <paramref name="errors"/> every invalid parameter, each message starting with <paramref name="path"/>.</summary>
    public void Validate(ICollection<string> errors, string path)
    {
        ModelParameters.Validate(this, errors, path);
        ValidateRules(errors, path);
    }

    /// <summary>Rules beyond each parameter's own check: the range must be a range.</summary>
    public virtual void ValidateRules(ICollection<string> errors, string path)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!(MaxConductanceUs > MinConductanceUs))
        {
            errors.Add($"{path}.max_conductance_us: must exceed min_conductance_us ({MinConductanceUs}), got {MaxConductanceUs}");
        }
    }
}
