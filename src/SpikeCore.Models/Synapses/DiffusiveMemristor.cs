using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// The volatile diffusive memristor synapse (model name <c>diffusive_memristor</c>; Wang et al., Nat. Mater. 16, 101,
/// 2017): a fast volatile variable f (Ag bridging, the Ca²⁺ analogue) and a slow one r set the conductance, so a
/// synapse facilitates over tens of ms and consolidates only under fast trains.
/// </summary>
/// <remarks>
/// <code>
/// s = min(f + r, 1),  R(s) = R_on s + R_off (e^((1 − s)/λ) − 1)/(e^(1/λ) − 1),  delivered weight = w R_on / R(s)
/// during a pulse of amplitude V:  df/dt = k min(1, μ|V|/(α + 1 − f − r)) − (γ1 + β) f,   dr/dt = β f − γ2 r
/// between pulses (exact):          f(t) = f0 e^(−a t),  r(t) = r0 e^(−γ2 t) + β f0 (e^(−γ2 t) − e^(−a t))/(a − γ2),  a = γ1 + β
/// 0 ≤ f, r and f + r ≤ 1;  optional stochastic rupture between pulses: hazard κ f^m, each rupture f ← f − η f
/// </code>
/// Each presynaptic spike applies one pulse (amplitude and width below; integrated with RK4 in sub-steps of at most
/// 0.1 ms), and the weight delivered is scaled by the normalised conductance after the pulse. Reference values from
/// MODELS.md (TongWang-USC/Memristor-Model test bench, an unpublished compact model; rates per second, converted to per
/// ms): α = 0.1, λ = 0.1, R_on = 17 kΩ, R_off = 10 GΩ, μ = 16, β = 0.2/s, γ1 = 50/s, γ2 = 0.42/s, η = 0.01, κ = 200/s,
/// m = 2, growth rate k = 1/s. k, the pulse and the time constants are not yet fitted to the paper's figures: with the
/// reference k the device never conducts fully during a 10 ms pulse (f stays near k/(γ1 + β)); k ≈ 2000/s and 1 ms
/// pulses switch it ON, which a <see cref="SeriesDrift"/> element needs in order to be programmed.
/// With constant parameters all synapses of one block see the same train, so (f, r) are kept per block; stochastic
/// rupture is then sampled per block (by thinning, with the hazard bounded by its value at the interval start).
/// </remarks>
public sealed record DiffusiveMemristor : SynapseModel
{
    /// <summary>α, the gap offset of the growth term.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double Alpha { get; init; } = 0.1;

    /// <summary>λ, the steepness of R(s).</summary>
    [Parameter(ParameterCheck.Positive)]
    public double Lambda { get; init; } = 0.1;

    /// <summary>R_on.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double OnResistanceKohm { get; init; } = 17;

    /// <summary>R_off.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double OffResistanceKohm { get; init; } = 1e7;

    /// <summary>μ, the voltage sensitivity of growth (per V).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double Mu { get; init; } = 16;

    /// <summary>k, the largest growth rate of f.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double GrowthRatePerS { get; init; } = 1;

    /// <summary>β, transfer from f to r.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double BetaPerS { get; init; } = 0.2;

    /// <summary>γ1, the decay of f.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double Gamma1PerS { get; init; } = 50;

    /// <summary>γ2, the decay of r.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double Gamma2PerS { get; init; } = 0.42;

    /// <summary>Amplitude of the pulse each presynaptic spike applies.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double PulseV { get; init; } = 0.8;

    /// <summary>Width of that pulse.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double PulseWidthMs { get; init; } = 10;

    /// <summary>
    /// A non-volatile drift memristor in series (null: none). It sees most of the pulse only while the diffusive device is
    /// conducting, so the volatile state gates its long-term programming (Wang et al. 2017).
    /// </summary>
    [Parameter]
    public DriftMemristor? SeriesDrift { get; init; }

    /// <summary>Whether f ruptures stochastically between pulses.</summary>
    [Parameter]
    public bool StochasticRupture { get; init; }

    /// <summary>η, the fraction of f a rupture removes.</summary>
    [Parameter(ParameterCheck.NonNegative, Maximum = 1)]
    public double RuptureFraction { get; init; } = 0.01;

    /// <summary>κ, the rupture hazard scale.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double RuptureRatePerS { get; init; } = 200;

    /// <summary>m, the rupture hazard exponent.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double RuptureExponent { get; init; } = 2;

    /// <inheritdoc/>
    public override string Name => "diffusive_memristor";

    /// <inheritdoc/>
    protected override void ValidateRules(ICollection<string> errors, string path)
    {
        if (Math.Abs(Gamma1PerS + BetaPerS - Gamma2PerS) < 1e-9 * Gamma2PerS)
        {
            errors.Add($"{path}.gamma2_per_s: must differ from gamma1_per_s + beta_per_s ({Gamma1PerS + BetaPerS}) for the exact solution");
        }
    }

    /// <summary>R(s) in kΩ.</summary>
    public double ResistanceKohm(double s)
    {
        s = Math.Clamp(s, 0, 1);
        return (OnResistanceKohm * s) + (OffResistanceKohm * double.ExpM1((1 - s) / Lambda) / double.ExpM1(1 / Lambda));
    }

    /// <summary>
    /// (f, r) and the series drift element's state w after the pulse of one spike, from their values at its start (RK4,
    /// sub-steps of at most 0.1 ms; w stays put without a <see cref="SeriesDrift"/>).
    /// </summary>
    public (double F, double R, double Drift) ApplyPulse(double f, double r, double drift = 0) => ApplyPulse(f, r, drift, PulseV, PulseWidthMs);

    /// <summary>
    /// (f, r, w) after a pulse of amplitude <paramref name="pulseV"/> and width <paramref name="widthMs"/> (a device
    /// driven by its own input rather than by presynaptic spikes, e.g. a device reservoir).
    /// </summary>
    public (double F, double R, double Drift) ApplyPulse(double f, double r, double drift, double pulseV, double widthMs)
    {
        int steps = Math.Max(1, (int)Math.Ceiling(widthMs / 0.1));
        double h = widthMs / steps / 1000; // s
        (double, double, double) D(double ff, double rr, double ww)
        {
            double gap = Math.Max(Alpha + 1 - ff - rr, 1e-12);
            double df = (GrowthRatePerS * Math.Min(1, Mu * Math.Abs(pulseV) / gap)) - ((Gamma1PerS + BetaPerS) * ff);
            double dw = SeriesDrift?.Rate(pulseV, ResistanceKohm(ff + rr), ww) ?? 0;
            return (df, (BetaPerS * ff) - (Gamma2PerS * rr), dw);
        }

        for (int k = 0; k < steps; k++)
        {
            (double a1, double b1, double c1) = D(f, r, drift);
            (double a2, double b2, double c2) = D(f + (h / 2 * a1), r + (h / 2 * b1), drift + (h / 2 * c1));
            (double a3, double b3, double c3) = D(f + (h / 2 * a2), r + (h / 2 * b2), drift + (h / 2 * c2));
            (double a4, double b4, double c4) = D(f + (h * a3), r + (h * b3), drift + (h * c3));
            f += h / 6 * (a1 + (2 * a2) + (2 * a3) + a4);
            r += h / 6 * (b1 + (2 * b2) + (2 * b3) + b4);
            drift = Math.Clamp(drift + (h / 6 * (c1 + (2 * c2) + (2 * c3) + c4)), 0, 1);
            (f, r) = Bound(f, r);
        }

        return (f, r, drift);
    }

    /// <summary>The delivered weight per unit weight: the synapse's conductance relative to its largest.</summary>
    public double Efficacy(double f, double r, double drift) => SeriesDrift is { } d
        ? (OnResistanceKohm + d.OnResistanceKohm) / (ResistanceKohm(f + r) + d.ResistanceKohm(drift))
        : OnResistanceKohm / ResistanceKohm(f + r);

    /// <summary>(f, r) after <paramref name="ms"/> without a pulse (the exact solution of the linear decay).</summary>
    public (double F, double R) Relax(double f, double r, double ms)
    {
        double t = ms / 1000, a = Gamma1PerS + BetaPerS, ea = Math.Exp(-a * t), e2 = Math.Exp(-Gamma2PerS * t);
        return (f * ea, (r * e2) + (BetaPerS * f * (e2 - ea) / (a - Gamma2PerS)));
    }

    internal static (double F, double R) Bound(double f, double r)
    {
        f = Math.Max(f, 0);
        r = Math.Max(r, 0);
        double sum = f + r;
        return sum > 1 ? (f / sum, r / sum) : (f, r);
    }

    /// <inheritdoc/>
    public override SynapseRuntime CreateRuntime(SynapseLayout layout) => new DiffusiveMemristorRuntime(this, layout);
}
