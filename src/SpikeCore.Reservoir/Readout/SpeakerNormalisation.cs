namespace SpikeCore.Reservoir.Readout;

/// <summary>How features are normalised per speaker before the readout (<see cref="SpeakerNormaliser"/>).</summary>
public enum SpeakerNormalisation
{
    /// <summary>Features as they are.</summary>
    None,

    /// <summary>Each speaker's mean feature vector subtracted from that speaker's rows.</summary>
    Mean,

    /// <summary>Each speaker's mean subtracted and each feature divided by its deviation over that speaker.</summary>
    MeanAndDeviation,
}
