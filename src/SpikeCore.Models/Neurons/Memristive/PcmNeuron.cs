using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons.Memristive;

/// <summary>
/// The phase-change stochastic integrate-and-fire neuron (model name <c>pcm_neuron</c>; Tuma, Pantazi, Le Gallo,
/// Sebastian and Eleftheriou, Nat. Nanotechnol. 11, 693, 2016): the crystalline fraction c of a GST cell is the
/// membrane.
/// </summary>
/// <remarks>
/// <code>
/// an input pulse of weight w:  c ← c + Δc w (1 + σ ξ)      (crystallisation; ξ ~ N(0, 1), Δc w (1 + σξ) ≥ 0)
/// fire when c ≥ c_th;          reset (melt-quench): c ← c0 + σ_R ξ' (clipped to [0, c_th))
/// </code>
/// Leak is negligible (amorphous-phase relaxation is ignored). The number of pulses to fire, N_f, is random through
/// both the crystallisation noise σ and the random amorphous thickness σ_R left by each reset; its mean is about
/// (c_th − c0)/(Δc w), so the output rate is proportional to the input rate. A neuron fires at the arrival of the
/// pulse that crosses c_th. Each neuron has its own random stream.
/// </remarks>
public sealed record PcmNeuron : NeuronModel
{
    private static readonly string[] s_receptors = ["input"];
    private static readonly string[] s_variables = ["crystalline_fraction"];

    /// <summary>Δc, crystallisation per pulse of unit weight.</summary>
    [Parameter(ParameterCheck.Positive, PerNeuron = true)]
    public double CrystallisationStep { get; init; } = 0.1;

    /// <summary>σ, relative cycle-to-cycle noise of each crystallisation step.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double StepNoise { get; init; } = 0.2;

    /// <summary>c_th, the crystalline fraction at which the neuron fires.</summary>
    [Parameter(ParameterCheck.Positive, PerNeuron = true)]
    public double FiringFraction { get; init; } = 1;

    /// <summary>c0, the mean fraction a reset leaves.</summary>
    [Parameter(ParameterCheck.NonNegative, Below = nameof(FiringFraction))]
    public double ResetFraction { get; init; }

    /// <summary>σ_R, the spread of the fraction a reset leaves.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double ResetNoise { get; init; } = 0.1;

    /// <inheritdoc/>
    public override string Name => "pcm_neuron";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Receptors => s_receptors;

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateVariables => s_variables;

    /// <inheritdoc/>
    public override bool RequiresNonNegativeWeights(int receptor) => true;

    /// <inheritdoc/>
    public override PopulationRuntime CreateRuntime(PopulationLayout layout) => new PcmNeuronRuntime(this, layout);
}
