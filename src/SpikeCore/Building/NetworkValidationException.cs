namespace SpikeCore.Building;

/// <summary>Thrown by <see cref="NetworkBuilder.Build"/> and the network reader with every problem found, not only the first.</summary>
public sealed class NetworkValidationException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public NetworkValidationException(IReadOnlyList<string> errors)
        : base("Invalid network:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e))) =>
        Errors = errors;

    /// <summary>Creates the exception from one problem.</summary>
    public NetworkValidationException(string error)
        : this([error])
    {
    }

    /// <summary>Creates an empty exception (for serializers).</summary>
    public NetworkValidationException()
        : this("invalid network")
    {
    }

    /// <summary>Creates an exception with an inner cause.</summary>
    public NetworkValidationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    /// <summary>Each problem, naming the population or projection, the parameter and the value.</summary>
    public IReadOnlyList<string> Errors { get; }
}
