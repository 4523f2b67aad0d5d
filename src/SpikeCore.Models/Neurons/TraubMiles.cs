using SpikeCore.Models.Neurons.Channels;
using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons;

/// <summary>
/// Traub-Miles Hodgkin-Huxley neuron with exponential synaptic conductances (model name <c>traub_miles</c>): the
/// neuron of Brette et al. 2007 benchmark 3 (COBAHH), stepped as a clocked population.
/// </summary>
/// <remarks>
/// <code>
/// C dV/dt = g_L (E_L − V) + g_e (E_e − V) + g_i (E_i − V) − g_Na m³h (V − E_Na) − g_Kd n⁴ (V − E_K) + I
/// dx/dt = α_x(V)(1 − x) − β_x(V) x   for x = m, h, n   (rates with V_T: <see cref="Channels.TraubMilesKinetics"/>)
/// τe dg_e/dt = −g_e, τi dg_i/dt = −g_i, a spike of weight w adds w (nS)
/// </code>
/// Units: pF, nS, pA, mV, ms. Defaults: the benchmark's 20000 µm² patch (C = 1 µF/cm² → 200 pF, g_L = 5e−5 S/cm² →
/// 10 nS, g_Na = 100 mS/cm² → 20 µS, g_Kd = 30 mS/cm² → 6 µS), E_L = −60, E_Na = 50, E_K = −90, V_T = −63, E_e = 0,
/// E_i = −80 mV, τe = 5, τi = 10 ms; spike on an upward crossing of −20 mV, at most one per 3 ms (BENCHMARKS.md,
/// Brette et al. 2007 and its Brian2 example). Exponential Euler at 0.01 ms by default; the benchmark runs 0.1 ms like
/// Brian2.
/// </remarks>
public sealed record TraubMiles : ChannelNeuronModel
{
    private static readonly string[] s_variables = ["v_mv", "m", "h", "n", "g_exc_ns", "g_inh_ns"];

    /// <summary>The COBAHH neuron with the defaults below.</summary>
    public static TraubMiles Default { get; } = new();

    /// <summary>The COBAHH cell's own values where they differ from the squid axon's (the base's defaults).</summary>
    public TraubMiles()
    {
        PotassiumReversalMv = -90;
        LeakReversalMv = -60;
        RefractoryMs = 3;
        RestMv = -60;
        Scheme = HhScheme.ExponentialEuler;
    }

    /// <summary>Membrane capacitance C.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double CapacitancePf { get; init; } = 200;

    /// <summary>Maximal sodium conductance g_Na.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double SodiumConductanceNs { get; init; } = 20000;

    /// <summary>Maximal delayed-rectifier potassium conductance g_Kd.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double PotassiumConductanceNs { get; init; } = 6000;

    /// <summary>Leak conductance g_L.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double LeakConductanceNs { get; init; } = 10;

    /// <summary>V_T, which shifts every rate function.</summary>
    [Parameter]
    public double ThresholdShiftMv { get; init; } = -63;

    /// <inheritdoc/>
    public override string Name => "traub_miles";

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateVariables => s_variables;

    /// <inheritdoc/>
    public override string? CurrentUnit => "pA";

    internal HhConstants Constants => new(CapacitancePf, SodiumConductanceNs, PotassiumConductanceNs, LeakConductanceNs,
        SodiumReversalMv, PotassiumReversalMv, LeakReversalMv, ThresholdShiftMv, Synapses.ExcitatoryReversalMv,
        Synapses.InhibitoryReversalMv, Synapses.ExcitatoryTauMs, Synapses.InhibitoryTauMs, DetectionMv, RefractoryMs, StepMs, RestMv, Scheme);

    /// <inheritdoc/>
    public override PopulationRuntime CreateRuntime(PopulationLayout layout) => new HhRuntime<TraubMilesKinetics>(Constants, layout);
}
