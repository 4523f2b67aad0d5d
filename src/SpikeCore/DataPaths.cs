namespace SpikeCore;

/// <summary>
/// Where the shared datasets live: <c>$SPIKECORE_DATA</c> when set, else the <c>shared/data</c> folder beside the
/// repository (found by walking up from the working directory or this assembly to the folder holding SpikeCore.sln),
/// else <c>../shared/data</c>. Data is used in place, never copied into the repository.
/// </summary>
public static class DataPaths
{
    /// <summary>The environment variable that overrides the data folder.</summary>
    public const string Variable = "SPIKECORE_DATA";

    /// <summary>The data folder.</summary>
    public static string Root
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable(Variable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return Path.GetFullPath(configured);
            }

            foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
                {
                    if (File.Exists(Path.Combine(d.FullName, "SpikeCore.sln")))
                    {
                        return Path.GetFullPath(Path.Combine(d.FullName, "..", "shared", "data"));
                    }
                }
            }

            return Path.GetFullPath(Path.Combine("..", "shared", "data"));
        }
    }

    /// <summary>
    /// The folder that holds a dataset's files, whichever of its folders a user names: <paramref name="folder"/> itself
    /// when it holds a file matching <paramref name="pattern"/>, else the first of <paramref name="layout"/> below it
    /// that does (the dataset's root as its repository lays it out, or the shared data root); else
    /// <paramref name="folder"/>, for the reader to report.
    /// </summary>
    /// <example><c>Locate("free-spoken-digit-dataset", "*.wav", "recordings", "fsdd/recordings")</c> is its recordings folder.</example>
    public static string Locate(string folder, string pattern, params string[] layout)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(layout);
        foreach (string candidate in layout.Select(l => Path.Combine(folder, l)).Prepend(folder))
        {
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, pattern).Any())
            {
                return candidate;
            }
        }

        return folder;
    }

    /// <summary>The Free Spoken Digit Dataset's recordings in the folder a user names (see <see cref="Locate"/>).</summary>
    public static string FsddRecordingsIn(string folder) => Locate(folder, "*.wav", "recordings", Path.Combine("fsdd", "recordings"));

    /// <summary>The Free Spoken Digit Dataset's recordings folder.</summary>
    public static string FsddRecordings => Path.Combine(Root, "fsdd", "recordings");

    /// <summary>The Gset max-cut instances (G1.txt ... and best-known.tsv).</summary>
    public static string Gset => Path.Combine(Root, "gset");
}
