using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons.Memristive;

/// <summary>
/// The threshold-switch + capacitor neuron (model name <c>threshold_switch</c>): a volatile diffusive memristor across a
/// membrane capacitor, a stochastic leaky integrate-and-fire neuron with no reset circuit (Wang et al., Nat. Electron.
/// 1, 137, 2018).
/// </summary>
/// <remarks>
/// <code>
/// C dV/dt = I_in − V/R_p − G_TS V,   G_TS = 0 (OFF) or 1/R_on (ON)
/// OFF → ON when V reaches V_th (after an optional exponentially distributed switching delay): the output spike
/// ON → OFF by itself when the discharge brings V below V_hold, and not before the relaxation time after switching ON
/// </code>
/// Between events both phases are linear with constant coefficients, so the neuron is event-driven and exact: OFF relaxes
/// to I R_p with τ_off = R_p C, ON to I/(1/R_p + 1/R_on) with τ_on = C/(1/R_p + 1/R_on). For a constant current, no
/// delay and no relaxation time, ISI = τ_off ln((I R_p − V_hold)/(I R_p − V_th)) + τ_on ln((V_th − V_on)/(V_hold − V_on)) and the rheobase is
/// V_th/R_p. Inputs on the <c>input</c> receptor add charge as a jump of V (weight in V: the charge over C); an input on
/// <c>inhibitory</c> is a brief conductance pulse to the inhibitory rail E_inh, V ← E_inh + (V − E_inh) e^(−w), with the
/// weight w = ∫g dt / C dimensionless (exact for a pulse short against R_p C): inhibition that saturates at the rail. Units: V, µA, MΩ, nF, ms (MΩ·nF = ms, µA·MΩ = V). The defaults are
/// illustrative of Ag-based diffusive switches (V_th 0.5 V, V_hold 0.1 V), not a fit to one device. V_th and V_hold may be
/// drawn per neuron (device-to-device spread).
/// <para>
/// Optional homeostasis (Diehl and Cook 2015's adaptive threshold, here a circuit around the switch, not a property of the
/// device): the switch fires at V_th + θ, θ rises by θ+ at each spike and decays with τ_θ. The OFF-phase crossing
/// V(t) = V_th + θ(t) is then a constant plus two exponentials, found by <see cref="Numerics.ExponentialCrossing"/> to a
/// few ulps; with θ+ = 0 it is the closed form above.
/// </para>
/// </remarks>
public sealed record ThresholdSwitchNeuron : NeuronModel
{
    private static readonly string[] s_receptors = ["input", "inhibitory"];
    private static readonly string[] s_variables = ["v_v", "switch_on", "theta_v"];

    /// <summary>Membrane capacitance C.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double CapacitanceNf { get; init; } = 1;

    /// <summary>Parallel (leak) resistance R_p.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double ParallelResistanceMohm { get; init; } = 10;

    /// <summary>ON resistance of the threshold switch R_on.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double OnResistanceMohm { get; init; } = 0.01;

    /// <summary>Switching threshold V_th.</summary>
    [Parameter(ParameterCheck.Positive, PerNeuron = true)]
    public double ThresholdV { get; init; } = 0.5;

    /// <summary>Hold voltage V_hold below which the switch relaxes OFF.</summary>
    [Parameter(ParameterCheck.NonNegative, Below = nameof(ThresholdV), PerNeuron = true)]
    public double HoldV { get; init; } = 0.1;

    /// <summary>
    /// Relaxation time of the volatile switch: once ON it stays ON at least this long (the filament has to dissolve),
    /// then relaxes OFF when V is below V_hold; while ON the capacitor is shunted through R_on, so this is the neuron's
    /// refractory period (0, the default: OFF as soon as V falls below V_hold).
    /// </summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double RelaxationMs { get; init; }

    /// <summary>The rail E_inh an inhibitory pulse pulls V towards.</summary>
    [Parameter]
    public double InhibitoryReversalV { get; init; } = -1;

    /// <summary>Mean of the exponentially distributed delay between reaching V_th and switching (0: none).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double MeanSwitchingDelayMs { get; init; }

    /// <summary>Adaptive threshold: θ rises by this much at each spike (0, the default: a fixed threshold). State variable <c>theta_v</c>.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double ThresholdIncrementV { get; init; }

    /// <summary>Time constant τ_θ of the adaptive threshold's decay.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double ThresholdTauMs { get; init; } = 1e7;

    /// <inheritdoc/>
    public override string Name => "threshold_switch";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Receptors => s_receptors;

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateVariables => s_variables;

    /// <inheritdoc/>
    public override string? CurrentUnit => "uA";

    /// <inheritdoc/>
    public override PopulationRuntime CreateRuntime(PopulationLayout layout) => new ThresholdSwitchRuntime(this, layout);
}
