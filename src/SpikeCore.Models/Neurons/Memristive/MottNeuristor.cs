using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons.Memristive;

/// <summary>
/// The Mott neuristor (model name <c>mott_neuristor</c>; Pickett, Medeiros-Ribeiro and Williams, Nat. Mater. 12, 114,
/// 2013): two Mott memristors, each across a capacitor and biased with opposite polarity (the Na-like and K-like
/// channels), coupled through a load resistor. Stepped as a clocked population.
/// </summary>
/// <remarks>
/// <code>
/// C1 dV1/dt = I_in − (V1 − V_dc1)/R(u1) − (V1 − V2)/R_L
/// C2 dV2/dt = (V1 − V2)/R_L − (V2 − V_dc2)/R(u2) − V2/R_out
/// R(u) = [u/R_met + (1 − u)/R_ins]^−1,   E_u du/dt = (V_dev²/R(u) − P_c),  0 ≤ u ≤ 1
/// </code>
/// u is the metallic fraction of a channel: it grows when the Joule power exceeds P_c, the heat lost at the transition
/// temperature, and shrinks otherwise (each memristor is a thermal threshold switch with hysteresis: ON above
/// √(P_c R_ins), OFF below √(P_c R_met)). The circuit follows MOTT.md (whose topology is marked "verify": Pickett's
/// paper was not available here; each channel's bias is applied through its memristor). A spike is the Na-like channel
/// turning metallic (u1 rising through 1/2), timed by interpolation inside the step. Presets select the three firing
/// patterns only through the two capacitances (found by a parameter scan of this model, not taken from the paper):
/// regular spiking C1 = 1, C2 = 3; chattering C1 = 1, C2 = 0.9 (bursts of three); fast spiking C1 = 0.3, C2 = 1.
/// Units: V, mA, kΩ, µF, ms, mW, µJ. Pickett's devices switch in nanoseconds; these defaults are time-scaled by 1000
/// (µF rather than nF, and E_u to match) so the neuristor spikes on the millisecond scale of the other models. Forward
/// Euler with the step split at every input arrival; the patterns are unchanged from 0.0005 to 0.01 ms steps. Inputs on
/// <c>input</c> add their weight (V) to V1.
/// </remarks>
public sealed record MottNeuristor : NeuronModel
{
    private static readonly string[] s_receptors = ["input"];
    private static readonly string[] s_variables = ["v1_v", "v2_v", "u1", "u2"];

    /// <summary>Regular spiking: C1 = 1 µF, C2 = 3 µF.</summary>
    public static MottNeuristor RegularSpiking { get; } = new() { Channel1CapacitanceUf = 1, Channel2CapacitanceUf = 3 };

    /// <summary>Chattering (repeated bursts of three spikes): C1 = 1 µF, C2 = 0.9 µF.</summary>
    public static MottNeuristor Chattering { get; } = new() { Channel1CapacitanceUf = 1, Channel2CapacitanceUf = 0.9 };

    /// <summary>Fast spiking: C1 = 0.3 µF, C2 = 1 µF.</summary>
    public static MottNeuristor FastSpiking { get; } = new() { Channel1CapacitanceUf = 0.3, Channel2CapacitanceUf = 1 };

    /// <summary>C1, across the Na-like channel.</summary>
    [Parameter(ParameterCheck.Positive, PerNeuron = true)]
    public double Channel1CapacitanceUf { get; init; } = 1;

    /// <summary>C2, across the K-like channel.</summary>
    [Parameter(ParameterCheck.Positive, PerNeuron = true)]
    public double Channel2CapacitanceUf { get; init; } = 3;

    /// <summary>V_dc1, the bias of the Na-like channel.</summary>
    [Parameter]
    public double Channel1BiasV { get; init; } = -0.9;

    /// <summary>V_dc2, the bias of the K-like channel.</summary>
    [Parameter]
    public double Channel2BiasV { get; init; } = 0.9;

    /// <summary>R_ins, a channel's insulating resistance.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double InsulatingResistanceKohm { get; init; } = 50;

    /// <summary>R_met, a channel's metallic resistance.</summary>
    [Parameter(ParameterCheck.Positive, Below = nameof(InsulatingResistanceKohm))]
    public double MetallicResistanceKohm { get; init; } = 0.5;

    /// <summary>P_c, the heat a channel loses at the transition temperature.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double SwitchingPowerMw { get; init; } = 0.02;

    /// <summary>E_u, the energy that turns a whole channel metallic.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double SwitchingEnergyUj { get; init; } = 4e-4;

    /// <summary>R_L, the load resistor coupling the channels.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double CouplingResistanceKohm { get; init; } = 8;

    /// <summary>R_out, the output load.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double OutputResistanceKohm { get; init; } = 50;

    /// <summary>Integration step.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double StepMs { get; init; } = 0.005;

    /// <inheritdoc/>
    public override string Name => "mott_neuristor";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Receptors => s_receptors;

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateVariables => s_variables;

    /// <inheritdoc/>
    public override double ClockStepMs => StepMs;

    /// <inheritdoc/>
    public override string? CurrentUnit => "mA";

    /// <inheritdoc/>
    public override PopulationRuntime CreateRuntime(PopulationLayout layout) => new MottNeuristorRuntime(this, layout);
}
