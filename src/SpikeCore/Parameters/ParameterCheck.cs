namespace SpikeCore.Parameters;

/// <summary>What a numeric parameter (or every value of a distribution or list parameter) must be.</summary>
public enum ParameterCheck
{
    /// <summary>A finite number.</summary>
    Finite,

    /// <summary>A finite number &gt; 0 (an integer parameter: ≥ 1).</summary>
    Positive,

    /// <summary>A finite number ≥ 0.</summary>
    NonNegative,
}
