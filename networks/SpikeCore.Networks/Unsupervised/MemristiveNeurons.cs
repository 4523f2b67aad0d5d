using SpikeCore.Models.Neurons;
using SpikeCore.Models.Neurons.Memristive;

namespace SpikeCore.Networks.Unsupervised;

/// <summary>
/// Diehl and Cook's two layers built from threshold-switch neurons (a volatile diffusive memristor across a capacitor,
/// <see cref="Models.Neurons.Memristive.ThresholdSwitchNeuron"/>; Wang et al., Nat. Electron. 1, 137, 2018) instead of
/// conductance LIF: the fully memristive network, with the devices' stochasticity.
/// </summary>
/// <remarks>
/// The mapping keeps each LIF's time constant and scales its voltages so that the 13 mV from rest to threshold become
/// V_th: s = V_th / 13 mV. A switch has R_p C = τ_m (100 ms excitatory, 10 ms inhibitory) and no reset circuit: after a
/// spike it discharges, and it stays ON (shunting its capacitor) until its filament relaxes, which takes the place of the
/// LIF's refractory period (5 ms excitatory, 2 ms inhibitory: an assumption within the microseconds to milliseconds
/// reported for such switches, not a fit), then relaxes OFF below V_hold. Excitatory inputs become charges (a jump of
/// V): a conductance jump Δg (in units of g_L) onto a membrane at rest delivers the charge of Δg (τ_e/τ_m)(E_e − E_L),
/// so an input synapse of weight w adds 0.65 k w mV·s (the driving force frozen at rest: the one approximation of the
/// mapping; an array's column delivers a charge). Inhibition stays a conductance: a pulse of ∫g dt / C = 17 × 2/100 =
/// 0.34 towards the rail E_inh = −35 mV·s (the LIF's E_i), V ← E_inh + (V − E_inh) e^(−0.34), so it saturates there.
/// The excitatory → inhibitory charge is 2 V_th, so each excitatory spike fires its partner once. The adaptive threshold
/// is θ+·s per spike with the paper's τ_θ. Device spread and stochastic switching: V_th drawn per neuron (normal,
/// <see cref="ThresholdSpreadV"/>, clipped at ±3σ), and an exponentially distributed delay between reaching V_th and
/// switching (<see cref="MeanSwitchingDelayMs"/>). The values are illustrative of Ag-based diffusive switches, not a fit
/// to one device.
/// </remarks>
public sealed record MemristiveNeurons
{
    /// <summary>Mean switching threshold V_th.</summary>
    public double ThresholdV { get; init; } = 0.5;

    /// <summary>Device-to-device standard deviation of V_th (excitatory layer; 5% of V_th).</summary>
    public double ThresholdSpreadV { get; init; } = 0.025;

    /// <summary>Hold voltage: below it a switch relaxes OFF (once its relaxation time has passed).</summary>
    public double HoldV { get; init; } = 0.1;

    /// <summary>Mean of the exponentially distributed switching delay once V reaches V_th.</summary>
    public double MeanSwitchingDelayMs { get; init; } = 0.1;

    /// <summary>Whether a switch stays ON for the LIF's refractory period after each spike (false: OFF as soon as it has discharged to V_hold; an ablation).</summary>
    public bool Relaxation { get; init; } = true;

    /// <summary>Membrane capacitance C of every neuron (R_p follows from τ_m).</summary>
    public double CapacitanceNf { get; init; } = 1;

    /// <summary>ON resistance of a switch (the discharge's time constant is about R_on C).</summary>
    public double OnResistanceMohm { get; init; } = 0.01;

    /// <summary>Volts per millivolt of the LIF the switches replace: V_th over <paramref name="excitatory"/>'s span from rest to threshold (13 mV).</summary>
    public double VoltsPerMv(LifCondExp excitatory)
    {
        ArgumentNullException.ThrowIfNull(excitatory);
        return ThresholdV / (excitatory.ThresholdMv - excitatory.RestMv);
    }

    /// <summary>
    /// The switch that replaces <paramref name="lif"/>: R_p C = τ_m = C_lif / g_L, the relaxation time its refractory
    /// period, its inhibitory reversal (relative to rest) as the rail, voltages scaled by <paramref name="voltsPerMv"/>.
    /// </summary>
    public ThresholdSwitchNeuron Switch(LifCondExp lif, double voltsPerMv)
    {
        ArgumentNullException.ThrowIfNull(lif);
        return new()
        {
            RelaxationMs = Relaxation ? lif.RefractoryMs : 0,
            CapacitanceNf = CapacitanceNf,
            ParallelResistanceMohm = MembraneTauMs(lif) / CapacitanceNf,
            OnResistanceMohm = OnResistanceMohm,
            ThresholdV = ThresholdV,
            HoldV = HoldV,
            InhibitoryReversalV = (lif.Synapses.InhibitoryReversalMv - lif.RestMv) * voltsPerMv,
            MeanSwitchingDelayMs = MeanSwitchingDelayMs,
        };
    }

    /// <summary>
    /// The charge (as V) a conductance jump of <paramref name="conductanceNs"/> brings <paramref name="lif"/> at rest:
    /// (Δg/g_L)(τ_e/τ_m)(E_e − E_L), scaled by <paramref name="voltsPerMv"/>.
    /// </summary>
    public static double InputCharge(LifCondExp lif, double conductanceNs, double voltsPerMv)
    {
        ArgumentNullException.ThrowIfNull(lif);
        return conductanceNs / lif.LeakConductanceNs * (lif.Synapses.ExcitatoryTauMs / MembraneTauMs(lif)) * (lif.Synapses.ExcitatoryReversalMv - lif.RestMv) * voltsPerMv;
    }

    /// <summary>The inhibitory pulse ∫g_i dt / C that an inhibitory conductance jump of <paramref name="conductanceNs"/> gives <paramref name="lif"/>: (Δg/g_L)(τ_i/τ_m).</summary>
    public static double InhibitoryPulse(LifCondExp lif, double conductanceNs)
    {
        ArgumentNullException.ThrowIfNull(lif);
        return conductanceNs / lif.LeakConductanceNs * (lif.Synapses.InhibitoryTauMs / MembraneTauMs(lif));
    }

    private static double MembraneTauMs(LifCondExp lif) => lif.CapacitancePf / lif.LeakConductanceNs;

    /// <summary>Whether the values are usable; the first problem in a line, or null.</summary>
    public string? Problem() =>
        !(ThresholdV > 0) || !double.IsFinite(ThresholdV) ? $"memristive neurons: threshold must be a finite number > 0 V (got {ThresholdV})"
        : !(HoldV >= 0 && HoldV < ThresholdV) ? $"memristive neurons: hold voltage must be in [0, threshold) (got {HoldV} V)"
        : !(ThresholdSpreadV >= 0 && ThresholdSpreadV < ThresholdV / 4) ? $"memristive neurons: threshold spread must be in [0, threshold / 4) (got {ThresholdSpreadV} V)"
        : !(MeanSwitchingDelayMs >= 0) || !double.IsFinite(MeanSwitchingDelayMs) ? $"memristive neurons: switching delay must be a finite number >= 0 ms (got {MeanSwitchingDelayMs})"
        : !(CapacitanceNf > 0 && OnResistanceMohm > 0) || !double.IsFinite(CapacitanceNf + OnResistanceMohm) ? "memristive neurons: capacitance and ON resistance must be finite numbers > 0"
        : null;
}
