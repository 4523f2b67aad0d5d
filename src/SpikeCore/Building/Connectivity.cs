namespace SpikeCore.Building;

/// <summary>An immutable connectivity rule. Create with the static factories; customise with the <c>With*</c> methods.</summary>
public sealed record Connectivity
{
    private Connectivity(ConnectivityKind kind) => Kind = kind;

    /// <summary>The rule.</summary>
    public ConnectivityKind Kind { get; }

    /// <summary>Connection probability (Bernoulli) or the scale C (distance-dependent).</summary>
    public double Probability { get; init; }

    /// <summary>k for fixed in-degree and fixed out-degree.</summary>
    public int Degree { get; init; }

    /// <summary>λ for the distance-dependent rule, in grid units.</summary>
    public double Lambda { get; init; }

    /// <summary>Source indices of the explicit pairs.</summary>
    public IReadOnlyList<int>? Sources { get; init; }

    /// <summary>Target indices of the explicit pairs.</summary>
    public IReadOnlyList<int>? Targets { get; init; }

    /// <summary>Whether a neuron may connect to itself when source and target are the same population (default true, as Brian2 and NEST).</summary>
    public bool AllowAutapses { get; init; } = true;

    /// <summary>Whether a pair may be connected more than once by the degree rules (default false).</summary>
    public bool AllowMultapses { get; init; }

    /// <summary>All pairs.</summary>
    public static Connectivity AllToAll() => new(ConnectivityKind.AllToAll);

    /// <summary>i → i.</summary>
    public static Connectivity OneToOne() => new(ConnectivityKind.OneToOne);

    /// <summary>Each pair independently with probability <paramref name="p"/>.</summary>
    public static Connectivity Bernoulli(double p) => new(ConnectivityKind.Bernoulli) { Probability = p };

    /// <summary>Each target draws exactly <paramref name="k"/> sources.</summary>
    public static Connectivity FixedInDegree(int k) => new(ConnectivityKind.FixedInDegree) { Degree = k };

    /// <summary>Each source draws exactly <paramref name="k"/> targets.</summary>
    public static Connectivity FixedOutDegree(int k) => new(ConnectivityKind.FixedOutDegree) { Degree = k };

    /// <summary>P(a, b) = <paramref name="c"/> exp(−(D(a, b)/<paramref name="lambda"/>)²), D the Euclidean distance of the positions.</summary>
    public static Connectivity DistanceDependent(double c, double lambda) =>
        new(ConnectivityKind.DistanceDependent) { Probability = c, Lambda = lambda };

    /// <summary>Exactly these (source, target) pairs, in this order.</summary>
    public static Connectivity Explicit(IEnumerable<int> sources, IEnumerable<int> targets) =>
        new(ConnectivityKind.Explicit) { Sources = sources.ToArray(), Targets = targets.ToArray() };

    /// <summary>Returns a copy with autapses allowed or not.</summary>
    public Connectivity WithAutapses(bool allow) => this with { AllowAutapses = allow };

    /// <summary>Returns a copy with multapses allowed or not.</summary>
    public Connectivity WithMultapses(bool allow) => this with { AllowMultapses = allow };

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ConnectivityKind.Bernoulli => $"bernoulli(p={Probability})",
        ConnectivityKind.FixedInDegree => $"fixed_in_degree(k={Degree})",
        ConnectivityKind.FixedOutDegree => $"fixed_out_degree(k={Degree})",
        ConnectivityKind.DistanceDependent => $"distance(C={Probability}, lambda={Lambda})",
        ConnectivityKind.Explicit => $"explicit({Sources?.Count ?? 0} pairs)",
        _ => Kind.ToString(),
    };
}
