namespace SpikeCore.Building;

/// <summary>
/// A piecewise-constant current injected into every neuron of a population: amplitude <c>Amplitudes[k]</c> from
/// <c>TimesMs[k]</c> until the next step (0 before the first). Units are the model's <see cref="NeuronModel.CurrentUnit"/>.
/// </summary>
/// <param name="Population">Target population name.</param>
/// <param name="TimesMs">Step times, strictly increasing, ≥ 0.</param>
/// <param name="Amplitudes">Amplitude from each step time on.</param>
public sealed record CurrentInjection(string Population, IReadOnlyList<double> TimesMs, IReadOnlyList<double> Amplitudes)
{
    /// <summary>A constant current from t = 0.</summary>
    public static CurrentInjection Constant(string population, double amplitude) => new(population, [0.0], [amplitude]);
}
