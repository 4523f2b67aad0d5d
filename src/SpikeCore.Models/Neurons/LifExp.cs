using System.Text.Json;
using SpikeCore.Building;
using SpikeCore.Running;
using SpikeCore.Models.Serialization;

namespace SpikeCore.Models.Neurons;

/// <summary>
/// Current-based leaky integrate-and-fire neuron with exponential synaptic currents and delta synapses, integrated
/// exactly between events (model name <c>lif_exp</c>; NEST's iaf_psc_exp with continuous spike times).
/// </summary>
/// <remarks>
/// <code>
/// τm dV/dt = −(V − E_L) + I_e + I_i + I_inj          (currents in mV, i.e. R·I)
/// τe dI_e/dt = −I_e,  τi dI_i/dt = −I_i
/// spike when V ≥ V_th; then V = V_reset, clamped for t_ref (currents keep decaying)
/// </code>
/// Receptors: <c>excitatory</c> (I_e += w), <c>inhibitory</c> (I_i += w, w usually negative) and <c>voltage</c>
/// (V += w at once, ignored while refractory). With V∞ = E_L + I_inj and k = τ/(τ − τm), after s ms:
/// V(s) = V∞ + (V0 − V∞ − k_e I_e − k_i I_i) e^(−s/τm) + k_e I_e e^(−s/τe) + k_i I_i e^(−s/τi).
/// Spike times are the exact first root of V(s) = V_th (see the numerics in <c>ExponentialSum</c>); τe and τi must
/// differ from τm. Source: MODELS.md; Brette et al. 2007 (J. Comput. Neurosci. 23:349) benchmark 2.
/// </remarks>
public sealed record LifExp : NeuronModel
{
    private static readonly string[] s_receptors = ["excitatory", "inhibitory", "voltage"];
    private static readonly string[] s_variables = ["v_mv", "i_exc_mv", "i_inh_mv"];

    /// <summary>τm = 20 ms, τe = 5 ms, τi = 10 ms, E_L = −60 mV, V_th = −50 mV, V_reset = −60 mV, t_ref = 2 ms.</summary>
    public static LifExp Default { get; } = new();

    /// <summary>Membrane time constant τm.</summary>
    public double MembraneTauMs { get; init; } = 20;

    /// <summary>Excitatory current time constant τe (≠ τm).</summary>
    public double ExcitatoryTauMs { get; init; } = 5;

    /// <summary>Inhibitory current time constant τi (≠ τm).</summary>
    public double InhibitoryTauMs { get; init; } = 10;

    /// <summary>Resting (leak reversal) potential E_L.</summary>
    public double RestMv { get; init; } = -60;

    /// <summary>Firing threshold V_th.</summary>
    public double ThresholdMv { get; init; } = -50;

    /// <summary>Reset potential V_reset (&lt; V_th).</summary>
    public double ResetMv { get; init; } = -60;

    /// <summary>Absolute refractory period t_ref.</summary>
    public double RefractoryMs { get; init; } = 2;

    /// <inheritdoc/>
    public override string Name => "lif_exp";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Receptors => s_receptors;

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateVariables => s_variables;

    /// <inheritdoc/>
    public override string? CurrentUnit => "mV";

    /// <inheritdoc/>
    public override void Validate(ICollection<string> errors, string path, int populationSize)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ParameterChecks.Positive(errors, path, "membrane_tau_ms", MembraneTauMs);
        ParameterChecks.Positive(errors, path, "excitatory_tau_ms", ExcitatoryTauMs);
        ParameterChecks.Positive(errors, path, "inhibitory_tau_ms", InhibitoryTauMs);
        ParameterChecks.Finite(errors, path, "rest_mv", RestMv);
        ParameterChecks.Finite(errors, path, "threshold_mv", ThresholdMv);
        ParameterChecks.Finite(errors, path, "reset_mv", ResetMv);
        ParameterChecks.NonNegative(errors, path, "refractory_ms", RefractoryMs);
        ParameterChecks.Distinct(errors, path, "excitatory_tau_ms", ExcitatoryTauMs, "membrane_tau_ms", MembraneTauMs);
        ParameterChecks.Distinct(errors, path, "inhibitory_tau_ms", InhibitoryTauMs, "membrane_tau_ms", MembraneTauMs);
        if (double.IsFinite(ResetMv) && double.IsFinite(ThresholdMv) && !(ResetMv < ThresholdMv))
        {
            errors.Add($"{path}.reset_mv: must be below threshold_mv ({ThresholdMv}), got {ResetMv}");
        }
    }

    internal override void WriteParameters(Utf8JsonWriter writer)
    {
        writer.WriteNumber("membrane_tau_ms", MembraneTauMs);
        writer.WriteNumber("excitatory_tau_ms", ExcitatoryTauMs);
        writer.WriteNumber("inhibitory_tau_ms", InhibitoryTauMs);
        writer.WriteNumber("rest_mv", RestMv);
        writer.WriteNumber("threshold_mv", ThresholdMv);
        writer.WriteNumber("reset_mv", ResetMv);
        writer.WriteNumber("refractory_ms", RefractoryMs);
    }

    internal static LifExp Read(JsonPathReader r) => new()
    {
        MembraneTauMs = r.Number("membrane_tau_ms"),
        ExcitatoryTauMs = r.Number("excitatory_tau_ms"),
        InhibitoryTauMs = r.Number("inhibitory_tau_ms"),
        RestMv = r.Number("rest_mv"),
        ThresholdMv = r.Number("threshold_mv"),
        ResetMv = r.Number("reset_mv"),
        RefractoryMs = r.Number("refractory_ms"),
    };

    internal override PopulationRuntime CreateRuntime(PopulationLayout layout) => new LifExpRuntime(this, layout);
}
