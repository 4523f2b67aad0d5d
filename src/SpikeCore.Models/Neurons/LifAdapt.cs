using System.Text.Json;
using SpikeCore.Building;
using SpikeCore.Models.Serialization;
using SpikeCore.Running;

namespace SpikeCore.Models.Neurons;

/// <summary>
/// Current-based leaky integrate-and-fire neuron with exponential synaptic currents and spike-frequency adaptation
/// (model name <c>lif_adapt</c>): <see cref="LifExp"/> plus an adaptation current that every spike raises, stepped on
/// a clock with the exact propagator (NEST's iaf_psc_exp scheme with an adaptation term).
/// </summary>
/// <remarks>
/// <code>
/// τm dV/dt = −(V − E_L) + I_e + I_i − W + I_inj,   τe dI_e/dt = −I_e,   τi dI_i/dt = −I_i,   τw dW/dt = −W
/// spike when V ≥ V_th at the end of a step: V = V_reset for t_ref (rounded to steps), W += b
/// one step h, exactly:  V ← V∞ + (V − V∞) e^(−h/τm) + Σ_x k_x X (e^(−h/τx) − e^(−h/τm)),  X ← X e^(−h/τx),
///                       k_x = τx/(τx − τm), X ∈ {I_e, I_i, −W}, V∞ = E_L + I_inj
/// </code>
/// An input of weight w at t inside a step adds w e^(−s/τx) to its current and w k_x (e^(−s/τx) − e^(−s/τm)) to the
/// step's V, s the time left in the step, so sub-threshold trajectories are exact at every step end; spikes fall on
/// the step grid. Adaptation makes a neuron under constant drive fire ever more slowly until the adaptation current
/// balances (Benda and Herz 2003), a slow memory a liquid state machine can use.
/// </remarks>
public sealed record LifAdapt : NeuronModel
{
    private static readonly string[] s_receptors = ["excitatory", "inhibitory", "voltage"];
    private static readonly string[] s_variables = ["v_mv", "i_exc_mv", "i_inh_mv", "w_mv"];

    /// <summary>τm = 20 ms, τe = 5 ms, τi = 10 ms, E_L = −60, V_th = −50, V_reset = −60 mV, t_ref = 2 ms, b = 1 mV, τw = 200 ms.</summary>
    public static LifAdapt Default { get; } = new();

    /// <summary>Membrane time constant τm.</summary>
    public double MembraneTauMs { get; init; } = 20;

    /// <summary>Excitatory current time constant τe (≠ τm).</summary>
    public double ExcitatoryTauMs { get; init; } = 5;

    /// <summary>Inhibitory current time constant τi (≠ τm).</summary>
    public double InhibitoryTauMs { get; init; } = 10;

    /// <summary>Resting potential E_L.</summary>
    public double RestMv { get; init; } = -60;

    /// <summary>Firing threshold V_th.</summary>
    public double ThresholdMv { get; init; } = -50;

    /// <summary>Reset potential V_reset (&lt; V_th).</summary>
    public double ResetMv { get; init; } = -60;

    /// <summary>Absolute refractory period t_ref (rounded to whole steps).</summary>
    public double RefractoryMs { get; init; } = 2;

    /// <summary>b, the rise of the adaptation current W per spike (mV, like the synaptic currents).</summary>
    public double AdaptationMv { get; init; } = 1;

    /// <summary>τw, the decay of W (≠ τm).</summary>
    public double AdaptationTauMs { get; init; } = 200;

    /// <summary>The step h.</summary>
    public double StepMs { get; init; } = 0.1;

    /// <inheritdoc/>
    public override string Name => "lif_adapt";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Receptors => s_receptors;

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateVariables => s_variables;

    /// <inheritdoc/>
    public override double ClockStepMs => StepMs;

    /// <inheritdoc/>
    public override string? CurrentUnit => "mV";

    /// <summary>The same neuron with adaptation: <paramref name="neuron"/>'s parameters plus b and τw.</summary>
    public static LifAdapt From(LifExp neuron, double adaptationMv, double adaptationTauMs)
    {
        ArgumentNullException.ThrowIfNull(neuron);
        return new LifAdapt
        {
            MembraneTauMs = neuron.MembraneTauMs, ExcitatoryTauMs = neuron.ExcitatoryTauMs, InhibitoryTauMs = neuron.InhibitoryTauMs,
            RestMv = neuron.RestMv, ThresholdMv = neuron.ThresholdMv, ResetMv = neuron.ResetMv, RefractoryMs = neuron.RefractoryMs,
            AdaptationMv = adaptationMv, AdaptationTauMs = adaptationTauMs,
        };
    }

    /// <inheritdoc/>
    public override void Validate(ICollection<string> errors, string path, int populationSize)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach ((string name, double value) in new[] { ("membrane_tau_ms", MembraneTauMs), ("excitatory_tau_ms", ExcitatoryTauMs), ("inhibitory_tau_ms", InhibitoryTauMs), ("adaptation_tau_ms", AdaptationTauMs), ("step_ms", StepMs) })
        {
            ParameterChecks.Positive(errors, path, name, value);
        }

        ParameterChecks.Finite(errors, path, "rest_mv", RestMv);
        ParameterChecks.Finite(errors, path, "threshold_mv", ThresholdMv);
        ParameterChecks.Finite(errors, path, "reset_mv", ResetMv);
        ParameterChecks.NonNegative(errors, path, "refractory_ms", RefractoryMs);
        ParameterChecks.NonNegative(errors, path, "adaptation_mv", AdaptationMv);
        ParameterChecks.Distinct(errors, path, "excitatory_tau_ms", ExcitatoryTauMs, "membrane_tau_ms", MembraneTauMs);
        ParameterChecks.Distinct(errors, path, "inhibitory_tau_ms", InhibitoryTauMs, "membrane_tau_ms", MembraneTauMs);
        ParameterChecks.Distinct(errors, path, "adaptation_tau_ms", AdaptationTauMs, "membrane_tau_ms", MembraneTauMs);
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
        writer.WriteNumber("adaptation_mv", AdaptationMv);
        writer.WriteNumber("adaptation_tau_ms", AdaptationTauMs);
        writer.WriteNumber("step_ms", StepMs);
    }

    internal static LifAdapt Read(JsonPathReader r) => new()
    {
        MembraneTauMs = r.Number("membrane_tau_ms"),
        ExcitatoryTauMs = r.Number("excitatory_tau_ms"),
        InhibitoryTauMs = r.Number("inhibitory_tau_ms"),
        RestMv = r.Number("rest_mv"),
        ThresholdMv = r.Number("threshold_mv"),
        ResetMv = r.Number("reset_mv"),
        RefractoryMs = r.Number("refractory_ms"),
        AdaptationMv = r.Number("adaptation_mv"),
        AdaptationTauMs = r.Number("adaptation_tau_ms"),
        StepMs = r.OptionalNumber("step_ms", 0.1),
    };

    internal override PopulationRuntime CreateRuntime(PopulationLayout layout) => new LifAdaptRuntime(this, layout);
}
