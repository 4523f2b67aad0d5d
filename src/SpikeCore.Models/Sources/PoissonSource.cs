using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Sources;

/// <summary>
/// Independent Poisson spike trains (model name <c>poisson</c>), one per neuron of the population, with a rate that is
/// constant or piecewise constant in time.
/// </summary>
/// <remarks>
/// Exact event-driven generation by time rescaling: each inter-spike interval consumes an Exp(1) amount of
/// Λ(t) = ∫ rate dt, walked through the rate segments, so no time grid and no thinning is involved. Each neuron has its
/// own random stream keyed by (seed, population, neuron).
/// </remarks>
public sealed record PoissonSource : NeuronModel
{
    /// <summary>A constant rate.</summary>
    public static PoissonSource Constant(double rateHz) => new() { TimesMs = [0.0], RatesHz = [rateHz] };

    /// <summary>Rate <paramref name="ratesHz"/>[k] from <paramref name="timesMs"/>[k] on (0 before the first step).</summary>
    public static PoissonSource Steps(IEnumerable<double> timesMs, IEnumerable<double> ratesHz) =>
        new() { TimesMs = timesMs.ToArray(), RatesHz = ratesHz.ToArray() };

    /// <summary>Start times of the rate segments (strictly increasing, ≥ 0).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public IReadOnlyList<double> TimesMs { get; init; } = [0.0];

    /// <summary>Rate of each segment.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public IReadOnlyList<double> RatesHz { get; init; } = [10.0];

    /// <summary>
    /// A factor on every rate: neuron i fires at rates_hz × rate_scale. Drawn per neuron, it gives each train its own
    /// rate under a shared time profile (a pixel's intensity, a tuning curve).
    /// </summary>
    [Parameter(ParameterCheck.NonNegative, PerNeuron = true)]
    public double RateScale { get; init; } = 1;

    /// <inheritdoc/>
    public override string Name => "poisson";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Receptors => [];

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateVariables => ["next_spike_ms"];

    /// <inheritdoc/>
    protected override void ValidateRules(ICollection<string> errors, string path, int populationSize)
    {
        if (TimesMs.Count == 0 || TimesMs.Count != RatesHz.Count)
        {
            errors.Add($"{path}: times_ms and rates_hz must be non-empty and of equal length (got {TimesMs.Count} and {RatesHz.Count})");
            return;
        }

        for (int k = 1; k < TimesMs.Count; k++)
        {
            if (!(TimesMs[k] > TimesMs[k - 1]))
            {
                errors.Add($"{path}.times_ms[{k}]: must be strictly increasing (got {TimesMs[k]} after {TimesMs[k - 1]})");
            }
        }
    }

    /// <inheritdoc/>
    public override PopulationRuntime CreateRuntime(PopulationLayout layout) => new PoissonSourceRuntime(this, layout);
}
