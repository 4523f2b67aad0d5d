namespace SpikeCore.Running;

/// <summary>
/// A run stopped because a neuron's or synapse's state stopped being finite (NaN or ±∞): the message names the first
/// such state and the two checks of simulated time between which it happened. Usually weights or parameters so large
/// that a current or conductance overflows.
/// </summary>
public sealed class NonFiniteStateException : InvalidOperationException
{
    /// <summary>Creates the exception with its message.</summary>
    public NonFiniteStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an empty exception (for serializers).</summary>
    public NonFiniteStateException()
    {
    }

    /// <summary>Creates an exception with an inner cause.</summary>
    public NonFiniteStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
