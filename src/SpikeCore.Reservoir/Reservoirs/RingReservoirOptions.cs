using SpikeCore.Models.Synapses;

namespace SpikeCore.Reservoir.Reservoirs;

/// <summary>
/// A rotating ring of diffusive memristors (the rotating-neuron reservoir of Liang et al., Nat. Commun. 13, 1549, 2022,
/// built of volatile devices): <see cref="Nodes"/> devices pulsed in parallel once per input step, the masked input
/// shifted by one device each step, so each device's decaying state carries its neighbour's history: a cycle reservoir
/// whose memory is the devices' relaxation and whose nonlinearity is their switching.
/// </summary>
/// <remarks>
/// At step k device n receives a pulse of V = V_bias + V_in m_((n + k) mod N) (x(k) − ½), x ∈ [0, 1], m = ±1 (seeded),
/// of width <see cref="PulseWidthMs"/>, then relaxes for the rest of the step; feature j at step k is the conductance
/// G/G_on of the device that held mask entry j, read just after its pulse. The step lasts about 0.17 of the devices'
/// relaxation time 1/γ1 (Appeltant's 0.1-0.25), so neighbouring features overlap in time. Defaults: the best of 40
/// random configurations on NARMA10's validation split (<c>narma --reservoir ring --search 40</c>, validation NMSE 0.0071).
/// </remarks>
public sealed record RingReservoirOptions
{
    /// <summary>The device: the diffusive memristor with growth 3595/s and γ1 865/s (1/γ1 ≈ 1.16 ms), no consolidation.</summary>
    public DiffusiveMemristor Device { get; init; } = new() { GrowthRatePerS = 3595, Gamma1PerS = 864.8, BetaPerS = 0 };

    /// <summary>N, devices in the ring (features per step).</summary>
    public int Nodes { get; init; } = 400;

    /// <summary>One input step.</summary>
    public double StepMs { get; init; } = 0.2019;

    /// <summary>Pulse width (at most <see cref="StepMs"/>).</summary>
    public double PulseWidthMs { get; init; } = 0.10095;

    /// <summary>V_bias, the pulse for x = ½.</summary>
    public double BiasV { get; init; } = 0.004609;

    /// <summary>V_in, the pulse's swing per unit of masked input (small: the devices stay near their operating point).</summary>
    public double InputV { get; init; } = 0.0009521;

    /// <summary>Throws <see cref="ArgumentException"/> naming every impossible value.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        Device.Validate(errors, "device");
        if (Nodes < 2)
        {
            errors.Add($"nodes: a ring needs at least 2 devices (got {Nodes})");
        }

        if (!(PulseWidthMs > 0) || !(StepMs >= PulseWidthMs) || double.IsInfinity(StepMs))
        {
            errors.Add($"pulse width {PulseWidthMs} ms and step {StepMs} ms: need 0 < width <= step < infinity");
        }

        if (!double.IsFinite(BiasV) || !double.IsFinite(InputV))
        {
            errors.Add($"voltages: must be finite (got {BiasV}, {InputV})");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("ring reservoir: " + string.Join("; ", errors));
        }
    }
}
