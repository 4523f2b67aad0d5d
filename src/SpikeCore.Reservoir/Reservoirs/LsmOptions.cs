using SpikeCore.Models.Neurons;

namespace SpikeCore.Reservoir.Reservoirs;

/// <summary>
/// A liquid state machine after Maass, Natschläger and Markram 2002: LIF neurons on a 3-D grid, 80% excitatory,
/// connected with probability C·exp(−(D/λ)²) with C depending on the pair of types, Tsodyks-Markram synapses with the
/// Maass presets, input channels projecting to a random subset.
/// </summary>
public sealed record LsmOptions
{
    /// <summary>Grid size (neurons = X·Y·Z).</summary>
    public int GridX { get; init; } = 8;

    /// <summary>Grid size along y.</summary>
    public int GridY { get; init; } = 8;

    /// <summary>Grid size along z.</summary>
    public int GridZ { get; init; } = 8;

    /// <summary>Fraction of excitatory neurons.</summary>
    public double ExcitatoryFraction { get; init; } = 0.8;

    /// <summary>λ, the connection length scale (grid units).</summary>
    public double Lambda { get; init; } = 2;

    /// <summary>C for E→E, E→I, I→E, I→I (Maass 2002: 0.3, 0.2, 0.4, 0.1).</summary>
    public (double EE, double EI, double IE, double II) Connection { get; init; } = (0.3, 0.2, 0.4, 0.1);

    /// <summary>Recurrent weights (mV of current jump) for E→E, E→I, I→E, I→I.</summary>
    public (double EE, double EI, double IE, double II) Weight { get; init; } = (3, 6, -19, -19);

    /// <summary>Whether recurrent synapses carry Maass 2002 short-term plasticity.</summary>
    public bool ShortTermPlasticity { get; init; } = true;

    /// <summary>Input weight (mV) from each input channel spike.</summary>
    public double InputWeight { get; init; } = 18;

    /// <summary>Probability that an input channel projects to a given reservoir neuron.</summary>
    public double InputConnectivity { get; init; } = 0.2;

    /// <summary>The neuron (Maass 2002: τm 30 ms, threshold 15 mV above rest, refractory 3/2 ms).</summary>
    public LifExp Neuron { get; init; } = LifExp.Default with
    {
        MembraneTauMs = 30, ExcitatoryTauMs = 3, InhibitoryTauMs = 6, RestMv = 0, ThresholdMv = 15, ResetMv = 13.5, RefractoryMs = 3,
    };

    /// <summary>Factor on every recurrent weight (1: Maass 2002's).</summary>
    public double RecurrentScale { get; init; } = 1;

    /// <summary>
    /// Groups of membrane time constant: G &gt; 1 splits E and I into G populations each, with τm log-spaced over
    /// <see cref="MembraneTauRangeMs"/> (heterogeneous time constants widen the liquid's memory); 1 uses the neuron's τm.
    /// </summary>
    public int TimeConstantGroups { get; init; } = 1;

    /// <summary>The range of τm over the groups.</summary>
    public (double Min, double Max) MembraneTauRangeMs { get; init; } = (10, 100);

    /// <summary>
    /// Spike-frequency adaptation of the excitatory neurons: b, the rise of their adaptation current per spike (0: none;
    /// with b &gt; 0 they are <see cref="LifAdapt"/> neurons stepped at 0.1 ms instead of exact <see cref="LifExp"/>).
    /// </summary>
    public double AdaptationMv { get; init; }

    /// <summary>τw, the decay of the adaptation current.</summary>
    public double AdaptationTauMs { get; init; } = 200;

    /// <summary>Neurons in the reservoir.</summary>
    public int Size => GridX * GridY * GridZ;

    /// <summary>τm of group <paramref name="g"/>.</summary>
    public double MembraneTauOfGroup(int g) => TimeConstantGroups == 1
        ? Neuron.MembraneTauMs
        : MembraneTauRangeMs.Min * Math.Pow(MembraneTauRangeMs.Max / MembraneTauRangeMs.Min, g / (double)(TimeConstantGroups - 1));

    /// <summary>Throws <see cref="ArgumentException"/> naming every impossible value.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (GridX < 1 || GridY < 1 || GridZ < 1)
        {
            errors.Add($"grid: every side must be at least 1 (got {GridX}×{GridY}×{GridZ})");
        }

        if (!(ExcitatoryFraction is > 0 and < 1))
        {
            errors.Add($"excitatory fraction: must be in (0, 1) (got {ExcitatoryFraction})");
        }

        if (TimeConstantGroups < 1 || TimeConstantGroups > Size * Math.Min(ExcitatoryFraction, 1 - ExcitatoryFraction))
        {
            errors.Add($"time-constant groups: need 1 <= G <= the smaller of the E and I counts (got {TimeConstantGroups})");
        }

        if (!(MembraneTauRangeMs.Min > 0) || !(MembraneTauRangeMs.Max >= MembraneTauRangeMs.Min) || double.IsInfinity(MembraneTauRangeMs.Max))
        {
            errors.Add($"membrane tau range: need 0 < min <= max < infinity (got {MembraneTauRangeMs.Min}..{MembraneTauRangeMs.Max} ms)");
        }

        if (!double.IsFinite(RecurrentScale) || !double.IsFinite(InputWeight) || !(InputConnectivity is >= 0 and <= 1) || !(Lambda > 0))
        {
            errors.Add($"recurrent scale {RecurrentScale}, input weight {InputWeight}, input connectivity {InputConnectivity}, lambda {Lambda}: need finite values, a probability and lambda > 0");
        }

        if (!(AdaptationMv >= 0) || double.IsInfinity(AdaptationMv) || !(AdaptationTauMs > 0) || double.IsInfinity(AdaptationTauMs))
        {
            errors.Add($"adaptation: need b >= 0 and 0 < tau_w < infinity (got {AdaptationMv} mV, {AdaptationTauMs} ms)");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("liquid: " + string.Join("; ", errors));
        }
    }
}
