using SpikeCore.Parameters;

namespace SpikeCore.Models.Neurons;

/// <summary>
/// What every threshold-and-reset neuron declares: a membrane at rest at E_L that fires when V reaches V_th, is reset to
/// V_reset (&lt; V_th) and held there for t_ref. Threshold, reset and refractory period may be drawn per neuron.
/// </summary>
public abstract record IntegrateAndFireModel : NeuronModel
{
    /// <summary>Resting (leak reversal) potential E_L.</summary>
    [Parameter]
    public double RestMv { get; init; } = -60;

    /// <summary>Firing threshold V_th.</summary>
    [Parameter(PerNeuron = true)]
    public double ThresholdMv { get; init; } = -50;

    /// <summary>Reset potential V_reset (&lt; V_th).</summary>
    [Parameter(Below = nameof(ThresholdMv), PerNeuron = true)]
    public double ResetMv { get; init; } = -60;

    /// <summary>Absolute refractory period t_ref.</summary>
    [Parameter(ParameterCheck.NonNegative, PerNeuron = true)]
    public double RefractoryMs { get; init; } = 2;
}
