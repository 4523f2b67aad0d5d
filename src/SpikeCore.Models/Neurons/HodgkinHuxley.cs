using SpikeCore.Models.Neurons.Channels;
using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons;

/// <summary>
/// The Hodgkin-Huxley 1952 squid giant axon (model name <c>hh</c>), rest −65 mV convention, per unit membrane area,
/// stepped as a clocked population.
/// </summary>
/// <remarks>
/// <code>
/// C dV/dt = I − g_Na m³h (V − E_Na) − g_K n⁴ (V − E_K) − g_L (V − E_L) + g_e (E_e − V) + g_i (E_i − V)
/// dx/dt = α_x(V)(1 − x) − β_x(V) x   for x = m, h, n   (rates: <see cref="Channels.SquidKinetics"/>)
/// τe dg_e/dt = −g_e, τi dg_i/dt = −g_i, a spike of weight w adds w (mS/cm²)
/// </code>
/// Units: µF/cm², mS/cm², µA/cm², mV, ms. Parameters as printed in MODELS.md (Hodgkin and Huxley 1952, shifted to
/// rest at −65 mV as in Dayan and Abbott / Gerstner's Neuronal Dynamics); the removable singularities of α_m and α_n at
/// V = −40 and −55 mV take their limits. Gates start at their steady state for the initial V. A spike is an upward
/// crossing of <see cref="ChannelNeuronModel.DetectionMv"/>. Scheme and step per population (<see cref="HhScheme"/>, RK4 and 0.01 ms by
/// default). The synaptic conductances are illustrative defaults (AMPA-like and GABA_A-like), not part of the 1952 model.
/// </remarks>
public sealed record HodgkinHuxley : ChannelNeuronModel
{
    private static readonly string[] s_variables = ["v_mv", "m", "h", "n", "g_exc_ms_per_cm2", "g_inh_ms_per_cm2"];

    /// <summary>The squid axon with the defaults below.</summary>
    public static HodgkinHuxley Default { get; } = new();

    /// <summary>The squid axon's illustrative synapses: AMPA-like and GABA_A-like (τe = 2 ms, τi = 5 ms).</summary>
    public HodgkinHuxley()
    {
        Synapses = ConductanceSynapses.Default with { ExcitatoryTauMs = 2, InhibitoryTauMs = 5 };
    }

    /// <summary>Membrane capacitance C.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double CapacitanceUfPerCm2 { get; init; } = 1;

    /// <summary>Maximal sodium conductance g_Na.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double SodiumConductanceMsPerCm2 { get; init; } = 120;

    /// <summary>Maximal potassium conductance g_K.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double PotassiumConductanceMsPerCm2 { get; init; } = 36;

    /// <summary>Leak conductance g_L.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double LeakConductanceMsPerCm2 { get; init; } = 0.3;

    /// <inheritdoc/>
    public override string Name => "hh";

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateVariables => s_variables;

    /// <inheritdoc/>
    public override string? CurrentUnit => "uA/cm2";

    internal HhConstants Constants => new(CapacitanceUfPerCm2, SodiumConductanceMsPerCm2, PotassiumConductanceMsPerCm2,
        LeakConductanceMsPerCm2, SodiumReversalMv, PotassiumReversalMv, LeakReversalMv, 0, Synapses.ExcitatoryReversalMv,
        Synapses.InhibitoryReversalMv, Synapses.ExcitatoryTauMs, Synapses.InhibitoryTauMs, DetectionMv, RefractoryMs, StepMs, RestMv, Scheme);

    /// <inheritdoc/>
    public override PopulationRuntime CreateRuntime(PopulationLayout layout) => new HhRuntime<SquidKinetics>(Constants, layout);
}
