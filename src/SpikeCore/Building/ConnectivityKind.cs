namespace SpikeCore.Building;

/// <summary>The connectivity rules a projection can use.</summary>
public enum ConnectivityKind
{
    /// <summary>Every source to every target.</summary>
    AllToAll,

    /// <summary>Source i to target i (equal sizes).</summary>
    OneToOne,

    /// <summary>Each ordered pair independently with probability p.</summary>
    Bernoulli,

    /// <summary>Each target receives exactly k sources.</summary>
    FixedInDegree,

    /// <summary>Each source projects to exactly k targets.</summary>
    FixedOutDegree,

    /// <summary>Pair (a, b) with probability C exp(−(D(a, b)/λ)²) on the populations' 3-D positions (Maass et al. 2002).</summary>
    DistanceDependent,

    /// <summary>Explicit (source, target) pairs.</summary>
    Explicit,
}
