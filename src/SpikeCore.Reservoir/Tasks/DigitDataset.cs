using SpikeCore;
namespace SpikeCore.Reservoir.Tasks;

/// <summary>
/// A folder of FSDD-named recordings and its train/test splits: the speaker-dependent convention (takes 0-4 test,
/// the rest train), leave one speaker out, or explicit speakers.
/// </summary>
public sealed class DigitDataset
{
    private DigitDataset(string folder, IReadOnlyList<DigitRecording> recordings, int ignored)
    {
        Folder = folder;
        Recordings = recordings;
        IgnoredFiles = ignored;
    }

    /// <summary>The folder read.</summary>
    public string Folder { get; }

    /// <summary>Every FSDD-named WAV file, sorted by speaker, digit and take.</summary>
    public IReadOnlyList<DigitRecording> Recordings { get; }

    /// <summary>Files in the folder whose names do not follow the convention (not used).</summary>
    public int IgnoredFiles { get; }

    /// <summary>The speakers, sorted.</summary>
    public IReadOnlyList<string> Speakers => Recordings.Select(r => r.Speaker).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Reads the recordings of <paramref name="folder"/>: the recordings folder, the dataset's root (holding
    /// <c>recordings/</c>, as the FSDD repository is laid out) or the shared data root (holding <c>fsdd/recordings/</c>);
    /// a missing folder or one without FSDD-named files is an error that says so.
    /// </summary>
    public static DigitDataset Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        folder = DataPaths.FsddRecordingsIn(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(File.Exists(folder)
                ? $"'{folder}' is a file; pass the folder of FSDD recordings (or the dataset root holding recordings/)"
                : $"spoken-digit folder '{folder}' does not exist (set {DataPaths.Variable} or pass the folder of FSDD recordings)");
        }

        string[] files = Directory.GetFiles(folder);
        DigitRecording[] recordings = files.Select(DigitRecording.FromPath).OfType<DigitRecording>()
            .OrderBy(r => r.Speaker, StringComparer.Ordinal).ThenBy(r => r.Digit).ThenBy(r => r.Index).ToArray();
        if (recordings.Length == 0)
        {
            throw new InvalidDataException($"'{folder}' holds no recordings named {{digit}}_{{speaker}}_{{index}}.wav ({files.Length} other files)");
        }

        return new DigitDataset(folder, recordings, files.Length - recordings.Length);
    }

    /// <summary>
    /// The dataset's own convention: takes 0-4 of every speaker and digit are the test set; or, for repeated splits,
    /// takes <paramref name="firstTestTake"/> to <paramref name="firstTestTake"/> + 4.
    /// </summary>
    public (IReadOnlyList<DigitRecording> Train, IReadOnlyList<DigitRecording> Test) SpeakerDependent(int firstTestTake = 0)
    {
        if (!Recordings.Any(r => r.Index >= firstTestTake && r.Index < firstTestTake + 5))
        {
            throw new InvalidDataException($"'{Folder}' has no takes {firstTestTake}-{firstTestTake + 4} to test on");
        }

        return Split(r => r.Index < firstTestTake || r.Index >= firstTestTake + 5);
    }

    /// <summary>
    /// A validation split inside the speaker-dependent training set, for choosing hyperparameters without looking at the
    /// test takes: takes 5-14 validate, takes 15 and above train.
    /// </summary>
    public (IReadOnlyList<DigitRecording> Train, IReadOnlyList<DigitRecording> Validation) SpeakerDependentValidation()
    {
        (IReadOnlyList<DigitRecording> train, IReadOnlyList<DigitRecording> validation) = Split(r => r.Index >= 15);
        return (train, validation.Where(r => r.Index >= 5).ToArray());
    }

    /// <summary>Train on every speaker but <paramref name="speaker"/>, test on that one.</summary>
    public (IReadOnlyList<DigitRecording> Train, IReadOnlyList<DigitRecording> Test) LeaveOut(string speaker)
    {
        if (!Speakers.Contains(speaker))
        {
            throw new ArgumentException($"no speaker '{speaker}' in '{Folder}' (speakers: {string.Join(", ", Speakers)})", nameof(speaker));
        }

        return Split(r => r.Speaker != speaker);
    }

    /// <summary>Train on the recordings of <paramref name="speakers"/>; the test set is everything else.</summary>
    public (IReadOnlyList<DigitRecording> Train, IReadOnlyList<DigitRecording> Test) TrainOn(IReadOnlyCollection<string> speakers)
    {
        ArgumentNullException.ThrowIfNull(speakers);
        string[] unknown = speakers.Where(s => !Speakers.Contains(s)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"no speaker {string.Join(", ", unknown.Select(s => $"'{s}'"))} in '{Folder}' (speakers: {string.Join(", ", Speakers)})", nameof(speakers));
        }

        return Split(r => speakers.Contains(r.Speaker));
    }

    private (IReadOnlyList<DigitRecording>, IReadOnlyList<DigitRecording>) Split(Func<DigitRecording, bool> isTrain) =>
        (Recordings.Where(isTrain).ToArray(), Recordings.Where(r => !isTrain(r)).ToArray());
}
