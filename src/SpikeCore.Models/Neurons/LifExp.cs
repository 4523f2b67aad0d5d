using SpikeCore.Models.Numerics;
using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons;

/// <summary>
/// Current-based leaky integrate-and-fire neuron with exponential synaptic currents and delta synapses, integrated
/// exactly between events (model name <c>lif_exp</c>; NEST's iaf_psc_exp with continuous spike times).
/// </summary>
/// <remarks>
/// <code>
/// τm dV/dt = −(V − E_L) + I_e + I_i + I_inj          (currents in mV, i.e. R·I)
/// τe dI_e/dt = −I_e,  τi dI_i/dt = −I_i
/// spike when V ≥ V_th; then V = V_reset, clamped for t_ref (currents keep decaying)
/// </code>
/// Receptors: <c>excitatory</c> (I_e += w), <c>inhibitory</c> (I_i += w, w usually negative) and <c>voltage</c>
/// (V += w at once, ignored while refractory). With V∞ = E_L + I_inj and k = τ/(τ − τm), after s ms:
/// V(s) = V∞ + (V0 − V∞ − k_e I_e − k_i I_i) e^(−s/τm) + k_e I_e e^(−s/τe) + k_i I_i e^(−s/τi).
/// Spike times are the exact first root of V(s) = V_th (see the numerics in <c>ExponentialSum</c>); τe and τi must
/// differ from τm. Source: MODELS.md; Brette et al. 2007 (J. Comput. Neurosci. 23:349) benchmark 2.
/// </remarks>
public sealed record LifExp : IntegrateAndFireModel
{
    private static readonly string[] s_receptors = ["excitatory", "inhibitory", "voltage"];
    private static readonly string[] s_variables = ["v_mv", "i_exc_mv", "i_inh_mv"];

    /// <summary>τm = 20 ms, τe = 5 ms, τi = 10 ms, E_L = −60 mV, V_th = −50 mV, V_reset = −60 mV, t_ref = 2 ms.</summary>
    public static LifExp Default { get; } = new();

    /// <summary>Membrane time constant τm.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double MembraneTauMs { get; init; } = 20;

    /// <summary>Excitatory current time constant τe (≠ τm).</summary>
    [Parameter(ParameterCheck.Positive, DiffersFrom = nameof(MembraneTauMs))]
    public double ExcitatoryTauMs { get; init; } = 5;

    /// <summary>Inhibitory current time constant τi (≠ τm).</summary>
    [Parameter(ParameterCheck.Positive, DiffersFrom = nameof(MembraneTauMs))]
    public double InhibitoryTauMs { get; init; } = 10;

    /// <summary>Test hook: the registers the window sweeps run in (the spikes are the same); null picks the widest the CPU has.</summary>
    internal LaneWidth? SweepWidth { get; init; }

    /// <inheritdoc/>
    public override string Name => "lif_exp";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Receptors => s_receptors;

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateVariables => s_variables;

    /// <inheritdoc/>
    public override string? CurrentUnit => "mV";

    /// <inheritdoc/>
    public override PopulationRuntime CreateRuntime(PopulationLayout layout) => new LifExpRuntime(this, layout);
}
