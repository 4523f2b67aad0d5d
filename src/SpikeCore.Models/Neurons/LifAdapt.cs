using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

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

    /// <summary><see cref="LifExp.Default"/>'s membrane and synapses, b = 1 mV, τw = 200 ms, h = 0.1 ms.</summary>
    public static LifAdapt Default { get; } = new();

    /// <summary>The membrane and synapses: τm, τe, τi, E_L, V_th, V_reset, t_ref (rounded to whole steps here); V_th, V_reset and t_ref may be drawn per neuron.</summary>
    [Parameter(Inline = true)]
    public LifExp Neuron { get; init; } = LifExp.Default;

    /// <summary>b, the rise of the adaptation current W per spike (mV, like the synaptic currents).</summary>
    [Parameter(ParameterCheck.NonNegative, PerNeuron = true)]
    public double AdaptationMv { get; init; } = 1;

    /// <summary>τw, the decay of W (≠ τm).</summary>
    [Parameter(ParameterCheck.Positive)]
    public double AdaptationTauMs { get; init; } = 200;

    /// <summary>The step h.</summary>
    [Parameter(ParameterCheck.Positive)]
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

    /// <inheritdoc/>
    protected override void ValidateRules(ICollection<string> errors, string path, int populationSize)
    {
        if (Math.Abs(AdaptationTauMs - Neuron.MembraneTauMs) <= 1e-9 * Neuron.MembraneTauMs)
        {
            errors.Add($"{path}.adaptation_tau_ms: must differ from membrane_tau_ms ({Neuron.MembraneTauMs}) for the exact propagator (got {AdaptationTauMs})");
        }
    }

    /// <inheritdoc/>
    public override PopulationRuntime CreateRuntime(PopulationLayout layout) => new LifAdaptRuntime(this, layout);
}
