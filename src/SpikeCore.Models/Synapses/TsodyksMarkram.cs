using SpikeCore.Building;
using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// Tsodyks-Markram short-term plasticity (model name <c>tsodyks_markram</c>), the exact event map of NEST's
/// <c>tsodyks2_synapse</c>: resources x recover with τ_rec, utilisation u facilitates with τ_fac.
/// </summary>
/// <remarks>
/// <code>
/// A_n = w u_n x_n                                        (what spike n delivers)
/// x_{n+1} = 1 + (x_n − u_n x_n − 1) e^(−Δ/τ_rec)
/// u_{n+1} = U + u_n (1 − U) e^(−Δ/τ_fac)               (u ≡ U when τ_fac = 0)
/// u_1 = U, x_1 = 1;  Δ = interval between the spike's arrivals
/// </code>
/// Sources: Tsodyks, Pawelzik and Markram 1998; Maass, Natschläger and Markram 2002 (LSM presets); MODELS.md. With
/// constant parameters every synapse of one source and delay sees the same spike train, so (u, x) are kept once per
/// block of the compiled table and a spike costs two exps per block, nothing per synapse beyond the static delivery.
/// Parameters drawn per synapse (uniform or normal; values lists are indexed in table order) keep (u, x) per synapse
/// as floats; drawn values are clipped to U ∈ [0.001, 1], τ_rec ≥ 0.01 ms, τ_fac ≥ 0 (Maass 2002 draws from Gaussians).
/// </remarks>
public sealed record TsodyksMarkram : SynapseModel
{
    /// <summary>Depressing synapse: U = 0.5, τ_rec = 800 ms, τ_fac = 0.</summary>
    public static TsodyksMarkram Depressing { get; } = new() { U = 0.5, RecoveryTauMs = 800, FacilitationTauMs = 0 };

    /// <summary>Facilitating synapse: U = 0.03, τ_rec = 130 ms, τ_fac = 530 ms.</summary>
    public static TsodyksMarkram Facilitating { get; } = new() { U = 0.03, RecoveryTauMs = 130, FacilitationTauMs = 530 };

    /// <summary>Maass 2002 LSM, excitatory to excitatory: U = 0.5, τ_rec = 1100 ms, τ_fac = 50 ms.</summary>
    public static TsodyksMarkram MaassEE { get; } = new() { U = 0.5, RecoveryTauMs = 1100, FacilitationTauMs = 50 };

    /// <summary>Maass 2002 LSM, excitatory to inhibitory: U = 0.05, τ_rec = 125 ms, τ_fac = 1200 ms.</summary>
    public static TsodyksMarkram MaassEI { get; } = new() { U = 0.05, RecoveryTauMs = 125, FacilitationTauMs = 1200 };

    /// <summary>Maass 2002 LSM, inhibitory to excitatory: U = 0.25, τ_rec = 700 ms, τ_fac = 20 ms.</summary>
    public static TsodyksMarkram MaassIE { get; } = new() { U = 0.25, RecoveryTauMs = 700, FacilitationTauMs = 20 };

    /// <summary>Maass 2002 LSM, inhibitory to inhibitory: U = 0.32, τ_rec = 144 ms, τ_fac = 60 ms.</summary>
    public static TsodyksMarkram MaassII { get; } = new() { U = 0.32, RecoveryTauMs = 144, FacilitationTauMs = 60 };

    /// <summary>Utilisation increment U (the release probability of a rested synapse).</summary>
    [Parameter(ParameterCheck.Positive, Maximum = 1)]
    public Distribution U { get; init; } = 0.5;

    /// <summary>Recovery time constant τ_rec of the resources.</summary>
    [Parameter(ParameterCheck.Positive)]
    public Distribution RecoveryTauMs { get; init; } = 800;

    /// <summary>Facilitation time constant τ_fac (0: no facilitation).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public Distribution FacilitationTauMs { get; init; } = Distribution.Constant(0);

    /// <inheritdoc/>
    public override string Name => "tsodyks_markram";

    internal bool IsUniform => U.IsConstant && RecoveryTauMs.IsConstant && FacilitationTauMs.IsConstant;

    /// <inheritdoc/>
    public override SynapseRuntime CreateRuntime(SynapseLayout layout) => new TsodyksMarkramRuntime(this, layout);
}
