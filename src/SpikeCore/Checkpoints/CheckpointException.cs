namespace SpikeCore.Checkpoints;

/// <summary>
/// A checkpoint cannot be read: missing, truncated, corrupted (checksum), of another format version, or saved from
/// another network or partition count. The message names the file and what is wrong; nothing is half-loaded.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception with a message naming the file and the problem.</summary>
    public CheckpointException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
