using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

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
/// continuous arrival time, so over a step [t, t + h] their integrals ∫g dt are exact. V then follows the solution
/// of the linear ODE with the conductances frozen at those step averages (an exponential integrator):
/// V(t + h) = V∞ + (V − V∞) exp(−G/C), G = g_L h + ∫g_e + ∫g_i, V∞ = N/G, N = g_L E_L h + E_e∫g_e + E_i∫g_i + ∫I,
/// with exp(z) by its (2,2) Padé approximant, so V(t + h) = V + (N − G V)/(C + G/2 + G²/(12 C)) (error about
/// |z|⁵/720 · |V − V∞|, z = −G/C; for G &gt; C/2 the exact exponential). A crossing inside the step is located on
/// the frozen solution (one log), so spike times are continuous. The whole
/// population is stepped in one fused AVX-512 (or AVX2) pass, in double or, when asked, float (<see cref="Precision"/>).
/// Outgoing delays must be at least one step.
/// Units: pF, nS, mV, ms, pA. Source: Brette et al. 2007 benchmark 1 (Vogels and Abbott 2005).
/// </remarks>
public sealed record LifCondExp : IntegrateAndFireModel
{
    private static readonly string[] s_receptors = ["excitatory", "inhibitory"];
    private static readonly string[] s_variables = ["v_mv", "g_exc_ns", "g_inh_ns", "theta_mv"];

    /// <summary>The COBA benchmark neuron (20000 µm², 1 µF/cm², g_L = 5e−5 S/cm²): C = 200 pF, g_L = 10 nS, τm = 20 ms.</summary>
    public static LifCondExp Default { get; } = new();

    /// <summary>The COBA neuron's refractory period is 5 ms (the base's default is 2).</summary>
    public LifCondExp() => RefractoryMs = 5;

    /// <summary>Membrane capacitance C.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double CapacitancePf { get; init; } = 200;

    /// <summary>Leak conductance g_L.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double LeakConductanceNs { get; init; } = 10;

    /// <summary>The synaptic conductances: E_e, E_i, τe, τi.</summary>
    [Parameter(Inline = true)]
    public ConductanceSynapses Synapses { get; init; } = ConductanceSynapses.Default;

    /// <summary>Integration step h.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double StepMs { get; init; } = 0.1;

    /// <summary>
    /// Adaptive threshold (Diehl and Cook 2015): the threshold is V_th + θ, θ rises by this much at each spike and
    /// decays to 0 with <see cref="ThresholdTauMs"/>; 0 (the default) keeps the threshold fixed. θ decays stepwise, by
    /// e^(−h/τ_θ) at each step's start, and is constant within a step. State variable <c>theta_mv</c>.
    /// </summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double ThresholdIncrementMv { get; init; }

    /// <summary>Time constant τ_θ of the adaptive threshold's decay (Diehl and Cook: 10^7 ms).</summary>
    [Parameter(ParameterCheck.Positive)]
    public double ThresholdTauMs { get; init; } = 1e7;

    /// <summary>Floating-point format of V and the conductances (<see cref="Neurons.Precision"/>; float64 unless asked).</summary>
    [Parameter]
    public Precision Precision { get; init; } = Precision.Binary64;

    /// <summary>Test hook: false forces 256-bit registers where the CPU has 512-bit ones (the results are the same); null picks the widest.</summary>
    internal bool? WideRegisters { get; init; }

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
    public override PopulationRuntime CreateRuntime(PopulationLayout layout) => Precision == Precision.Binary32
        ? new LifCondExpRuntime<float>(this, layout, WideRegisters)
        : new LifCondExpRuntime<double>(this, layout, WideRegisters);
}
