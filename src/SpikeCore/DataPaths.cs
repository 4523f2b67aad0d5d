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

    /// <summary>The Free Spoken Digit Dataset's recordings folder.</summary>
    public static string FsddRecordings => Path.Combine(Root, "fsdd", "recordings");

    /// <summary>The Gset max-cut instances (G1.txt ... and best-known.tsv).</summary>
    public static string Gset => Path.Combine(Root, "gset");
}
