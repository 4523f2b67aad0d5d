using System.Text.Json;
using SpikeCore.Building;
using SpikeCore.Models.Serialization;
using SpikeCore.Running;

namespace SpikeCore.Models.Neurons;

/// <summary>
/// Conductance-based leaky integrate-and-fire neuron with exponentially decaying conductances (model name
/// <c>lif_cond_exp</c>; the COBA benchmark neuron), stepped as a clocked population.
/// </summary>
/// <remarks>
/// <code>
/// C dV/dt = g_L (E_L − V) + g_e (E_e − V) + g_i (E_i − V) + I_inj
/// τe dg_e/dt = −g_e,  τi dg_i/dt = −g_i,   a spike of weight w (nS) adds w to g_e or g_i
/// </code>
/// Scheme (second order, exact in the inputs): the conductances are integrated exactly, each input at its own
/// continuous arrival time, so over a step [t, t + h] their integrals ∫g dt are exact. V then takes the exact solution
/// of the linear ODE with the conductances frozen at those step averages (an exponential integrator):
/// V(t + h) = V∞ + (V − V∞) exp(−G/C), G = g_L h + ∫g_e + ∫g_i, V∞ = (g_L E_L h + E_e∫g_e + E_i∫g_i + ∫I)/G.
/// A crossing inside the step is located on that same solution (one log), so spike times are continuous. The whole
/// population is stepped in one fused AVX pass. Outgoing delays must be at least one step.
/// Units: pF, nS, mV, ms, pA. Source: Brette et al. 2007 benchmark 1 (Vogels and Abbott 2005).
/// </remarks>
public sealed record LifCondExp : NeuronModel
{
    private static readonly string[] s_receptors = ["excitatory", "inhibitory"];
    private static readonly string[] s_variables = ["v_mv", "g_exc_ns", "g_inh_ns"];

    /// <summary>The COBA benchmark neuron (20000 µm², 1 µF/cm², g_L = 5e−5 S/cm²): C = 200 pF, g_L = 10 nS, τm = 20 ms.</summary>
    public static LifCondExp Default { get; } = new();

    /// <summary>Membrane capacitance C.</summary>
    public double CapacitancePf { get; init; } = 200;

    /// <summary>Leak conductance g_L.</summary>
    public double LeakConductanceNs { get; init; } = 10;

    /// <summary>Leak reversal E_L.</summary>
    public double RestMv { get; init; } = -60;

    /// <summary>Firing threshold.</summary>
    public double ThresholdMv { get; init; } = -50;

    /// <summary>Reset potential.</summary>
    public double ResetMv { get; init; } = -60;

    /// <summary>Excitatory reversal E_e.</summary>
    public double ExcitatoryReversalMv { get; init; }

    /// <summary>Inhibitory reversal E_i.</summary>
    public double InhibitoryReversalMv { get; init; } = -80;

    /// <summary>Excitatory conductance time constant.</summary>
    public double ExcitatoryTauMs { get; init; } = 5;

    /// <summary>Inhibitory conductance time constant.</summary>
    public double InhibitoryTauMs { get; init; } = 10;

    /// <summary>Absolute refractory period.</summary>
    public double RefractoryMs { get; init; } = 5;

    /// <summary>Integration step h.</summary>
    public double StepMs { get; init; } = 0.1;

    /// <inheritdoc/>
    public override string Name => "lif_cond_exp";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Receptors => s_receptors;

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateVariables => s_variables;

    /// <inheritdoc/>
    public override double ClockStepMs => StepMs;

    /// <inheritdoc/>
    public override string? CurrentUnit => "pA";

    /// <inheritdoc/>
    public override bool RequiresNonNegativeWeights(int receptor) => true;

    /// <inheritdoc/>
    public override void Validate(ICollection<string> errors, string path, int populationSize)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ParameterChecks.Positive(errors, path, "capacitance_pf", CapacitancePf);
        ParameterChecks.Positive(errors, path, "leak_conductance_ns", LeakConductanceNs);
        ParameterChecks.Finite(errors, path, "rest_mv", RestMv);
        ParameterChecks.Finite(errors, path, "threshold_mv", ThresholdMv);
        ParameterChecks.Finite(errors, path, "reset_mv", ResetMv);
        ParameterChecks.Finite(errors, path, "excitatory_reversal_mv", ExcitatoryReversalMv);
        ParameterChecks.Finite(errors, path, "inhibitory_reversal_mv", InhibitoryReversalMv);
        ParameterChecks.Positive(errors, path, "excitatory_tau_ms", ExcitatoryTauMs);
        ParameterChecks.Positive(errors, path, "inhibitory_tau_ms", InhibitoryTauMs);
        ParameterChecks.NonNegative(errors, path, "refractory_ms", RefractoryMs);
        ParameterChecks.Positive(errors, path, "step_ms", StepMs);
        if (double.IsFinite(ResetMv) && double.IsFinite(ThresholdMv) && !(ResetMv < ThresholdMv))
        {
            errors.Add($"{path}.reset_mv: must be below threshold_mv ({ThresholdMv}), got {ResetMv}");
        }
    }

    internal override void WriteParameters(Utf8JsonWriter writer)
    {
        writer.WriteNumber("capacitance_pf", CapacitancePf);
        writer.WriteNumber("leak_conductance_ns", LeakConductanceNs);
        writer.WriteNumber("rest_mv", RestMv);
        writer.WriteNumber("threshold_mv", ThresholdMv);
        writer.WriteNumber("reset_mv", ResetMv);
        writer.WriteNumber("excitatory_reversal_mv", ExcitatoryReversalMv);
        writer.WriteNumber("inhibitory_reversal_mv", InhibitoryReversalMv);
        writer.WriteNumber("excitatory_tau_ms", ExcitatoryTauMs);
        writer.WriteNumber("inhibitory_tau_ms", InhibitoryTauMs);
        writer.WriteNumber("refractory_ms", RefractoryMs);
        writer.WriteNumber("step_ms", StepMs);
    }

    internal static LifCondExp Read(JsonPathReader r) => new()
    {
        CapacitancePf = r.Number("capacitance_pf"),
        LeakConductanceNs = r.Number("leak_conductance_ns"),
        RestMv = r.Number("rest_mv"),
        ThresholdMv = r.Number("threshold_mv"),
        ResetMv = r.Number("reset_mv"),
        ExcitatoryReversalMv = r.Number("excitatory_reversal_mv"),
        InhibitoryReversalMv = r.Number("inhibitory_reversal_mv"),
        ExcitatoryTauMs = r.Number("excitatory_tau_ms"),
        InhibitoryTauMs = r.Number("inhibitory_tau_ms"),
        RefractoryMs = r.Number("refractory_ms"),
        StepMs = r.OptionalNumber("step_ms", 0.1),
    };

    internal override PopulationRuntime CreateRuntime(PopulationLayout layout) => new LifCondExpRuntime(this, layout);
}
