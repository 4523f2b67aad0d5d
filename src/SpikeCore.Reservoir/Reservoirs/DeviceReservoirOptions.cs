using SpikeCore.Models.Synapses;

namespace SpikeCore.Reservoir.Reservoirs;

/// <summary>
/// A memristive device reservoir in the style of Moon et al. 2019 and Zhong et al. 2021: each input channel drives its
/// own diffusive memristors, and each step of the input is time-multiplexed into <see cref="VirtualNodes"/> pulses whose
/// amplitudes follow a random mask, so one device's state after each pulse gives that many "virtual node" features.
/// </summary>
/// <remarks>
/// Pulse amplitude for virtual node i of device d on channel c at step k, with the input x_c(k) scaled to [0, 1]:
/// <c>V = V_min + (V_max − V_min) m_cdi x_c(k)</c>, m_cdi ~ U[0, 1]. Between pulses the device relaxes exactly; the
/// node's feature is the device's conductance just after its pulse, G/G_on = R_on/R(s) (a current read; R(s) is
/// exponential in s, the source of most of the nonlinearity). Memory comes from the decay of f (τ = 1/(γ1 + β)) across the pulses of later steps.
/// </remarks>
public sealed record DeviceReservoirOptions
{
    /// <summary>
    /// The device: the diffusive memristor with its growth rate raised so that sub-ms pulses move the state by a useful
    /// fraction (the reference k = 1/s barely moves it), γ1 = 298/s (τ ≈ 3.4 ms, a few steps) and no consolidation
    /// (β = 0: the slow variable r would drift over thousands of steps, which a fixed readout cannot follow).
    /// Defaults from the random search on the second-order task's validation split (README).
    /// </summary>
    public DiffusiveMemristor Device { get; init; } = new() { GrowthRatePerS = 1820, Gamma1PerS = 298, BetaPerS = 0 };

    /// <summary>Devices per input channel, each with its own mask.</summary>
    public int DevicesPerChannel { get; init; } = 25;

    /// <summary>Virtual nodes (pulses) per input step.</summary>
    public int VirtualNodes { get; init; } = 4;

    /// <summary>Pulse period within a step (the step lasts VirtualNodes × this).</summary>
    public double NodeIntervalMs { get; init; } = 0.316;

    /// <summary>Pulse width (at most <see cref="NodeIntervalMs"/>).</summary>
    public double PulseWidthMs { get; init; } = 0.158;

    /// <summary>Pulse amplitude for input 0.</summary>
    public double MinVoltageV { get; init; }

    /// <summary>Pulse amplitude for input 1 and mask 1 (growth saturates from μV ≈ 1 − f, about 0.06 V).</summary>
    public double MaxVoltageV { get; init; } = 0.00745;

    /// <summary>Device-to-device spread of γ1: each device's is γ1·e^(σ(2U − 1)), U ~ U[0, 1] (0: identical devices).</summary>
    public double DecaySpread { get; init; } = 0.52;

    /// <summary>Features per input channel.</summary>
    public int NodesPerChannel => DevicesPerChannel * VirtualNodes;

    /// <summary>Throws <see cref="ArgumentException"/> naming every impossible value.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        Device.Validate(errors, "device");
        if (DevicesPerChannel < 1)
        {
            errors.Add($"devices per channel: must be at least 1 (got {DevicesPerChannel})");
        }

        if (VirtualNodes < 1)
        {
            errors.Add($"virtual nodes: must be at least 1 (got {VirtualNodes})");
        }

        if (!(PulseWidthMs > 0) || !(NodeIntervalMs >= PulseWidthMs) || double.IsInfinity(NodeIntervalMs))
        {
            errors.Add($"pulse width {PulseWidthMs} ms and node interval {NodeIntervalMs} ms: need 0 < width <= interval < infinity");
        }

        if (!(DecaySpread >= 0) || double.IsInfinity(DecaySpread))
        {
            errors.Add($"decay spread: must be a finite number >= 0 (got {DecaySpread})");
        }

        if (!double.IsFinite(MinVoltageV) || !double.IsFinite(MaxVoltageV))
        {
            errors.Add($"voltages: must be finite (got {MinVoltageV}, {MaxVoltageV})");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("device reservoir: " + string.Join("; ", errors));
        }
    }
}
