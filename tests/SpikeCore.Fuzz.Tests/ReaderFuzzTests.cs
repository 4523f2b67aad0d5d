using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FsCheck.Fluent;
using SpikeCore.Building;
using SpikeCore.Checkpoints;
using SpikeCore.Compiled;
using SpikeCore.Crossbar.Circuit;
using SpikeCore.Datasets;
using SpikeCore.Models.Devices;
using SpikeCore.Models.Serialization;
using SpikeCore.Optimization.MaxCut;
using SpikeCore.Reservoir.Audio;
using SpikeCore.Running;
using Xunit.Abstractions;

namespace SpikeCore.Fuzz.Tests;

/// <summary>
/// Every reader of user files on mutated valid files: read or refused with its documented exception, never another
/// exception, a hang or an allocation sized by what a header claims. <c>SPIKECORE_FUZZ_INPUTS</c> sets the count per
/// reader (2,000 here; the README reports 100,000).
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output)
{
    private void Report(FuzzReport report) => output.WriteLine(report.ToString());

    /// <summary>A parsed network writes back to JSON that reads to the same JSON (nothing silently changed), and a small one builds or is refused.</summary>
    private static void ReadNetwork(byte[] bytes)
    {
        NetworkSpec spec = NetworkFile.Parse(Encoding.UTF8.GetString(bytes), "fuzz.json");
        string json = NetworkFile.ToJson(spec);
        if (NetworkFile.ToJson(NetworkFile.Parse(json, "again.json")) != json)
        {
            throw new InvalidOperationException("a network written and read back differs");
        }

        if (spec.Populations.Sum(p => (long)p.Size) <= 2000)
        {
            NetworkBuilder.FromSpec(spec).Build(maxThreads: 1);
        }
    }

    private static bool NetworkRefusal(Exception e) => e is NetworkValidationException;

    [Fact]
    public void Network_files_under_byte_edits() =>
        Report(Fuzzer.Run("network-json-bytes", [.. Seeds.NetworkFiles.Select(Encoding.UTF8.GetBytes)], ReadNetwork, NetworkRefusal));

    [Fact]
    public void Network_files_under_structured_edits() =>
        Report(Fuzzer.Run("network-json-structured", JsonEdits.Of(Seeds.NetworkFiles), ReadNetwork, NetworkRefusal));

    [Fact]
    public void Gset_files() =>
        Report(Fuzzer.Run("gset", Seeds.GsetFiles, b => MaxCutGraph.Parse(new StringReader(Encoding.UTF8.GetString(b)), "fuzz"), e => e is InvalidDataException));

    [Fact]
    public void Wav_files() =>
        Report(Fuzzer.Run("wav", Seeds.WavFiles, b => WavFile.Parse(b, "fuzz.wav"), e => e is InvalidDataException));

    [Fact]
    public void Idx_files() =>
        Report(Fuzzer.Run("idx", Seeds.IdxFiles, b => Idx.Parse(new MemoryStream(b), "fuzz", b.Length > 3 ? b[3] : 1), e => e is InvalidDataException));

    [Fact]
    public void Device_tables() =>
        Report(Fuzzer.Run("device-csv", Seeds.DeviceTables, b => LookupTableDevice.ParseCsv(new StringReader(Encoding.UTF8.GetString(b)), "fuzz.csv"), e => e is InvalidDataException));

    [Fact]
    public void Crossbar_matrix_csv() =>
        Report(Fuzzer.Run("matrix-csv", Seeds.MatrixFiles, b => MatrixCsv.Parse(new StringReader(Encoding.UTF8.GetString(b)), "fuzz.csv"), e => e is InvalidDataException));

    [Fact]
    public void Checkpoints_under_byte_edits()
    {
        (Network net, IReadOnlyList<byte[]> files) = Seeds.Checkpoints();
        Report(Fuzzer.Run("checkpoint-bytes", files, b => LoadAndRun(net, b), CheckpointRefusal));
    }

    [Fact]
    public void Checkpoints_with_edited_state_and_a_valid_checksum()
    {
        // The checksum refuses almost every byte edit above; re-sealed, the edits reach the state reader itself.
        (Network net, IReadOnlyList<byte[]> files) = Seeds.Checkpoints();
        var inputs = from s in FsCheck.Fluent.Gen.Choose(0, files.Count - 1)
                     from edits in Mutation.Edits
                     select Reseal(Mutation.Apply(files[s][HeaderBytes..^HashBytes], edits));
        Report(Fuzzer.Run("checkpoint-state", inputs, b => LoadAndRun(net, b), CheckpointRefusal));
    }

    private const int HeaderBytes = 20, HashBytes = 32;

    /// <summary>A checkpoint container around <paramref name="payload"/>: magic, the current version, length, payload, SHA-256.</summary>
    private static byte[] Reseal(byte[] payload)
    {
        var file = new byte[HeaderBytes + payload.Length + HashBytes];
        "SPKCHKPT"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), 2); // the format version this SpikeCore reads
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(12), payload.Length);
        payload.CopyTo(file, HeaderBytes);
        SHA256.HashData(payload).CopyTo(file, HeaderBytes + payload.Length);
        return file;
    }

    /// <summary>Loads the checkpoint and runs on for 5 ms: what a loaded state holds must not crash the run either.</summary>
    private static void LoadAndRun(Network net, byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"spikecore-fuzz-{Environment.CurrentManagedThreadId}-{Environment.ProcessId}.spkc");
        File.WriteAllBytes(path, bytes);
        try
        {
            using Simulation sim = Simulation.Load(path, net);
            sim.Run(5);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static bool CheckpointRefusal(Exception e) => e is CheckpointException or NonFiniteStateException;
}
