using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SpikeCore.Checkpoints;

/// <summary>
/// The checkpoint container: <c>"SPKCHKPT"</c>, format version (uint32), payload length (int64), the payload (the
/// simulation's <see cref="StateArchive"/> stream, little-endian) and its SHA-256. Written to a temporary file beside the
/// target, flushed to disk and renamed over it, so a crash mid-write leaves the previous checkpoint intact; read only
/// after the length and checksum are verified, so a truncated or corrupted file is refused before any state is touched.
/// </summary>
internal static class CheckpointFile
{
    /// <summary>The format version written and read.</summary>
    public const uint Version = 6;

    private const int HeaderBytes = 8 + 4 + 8;
    private const int HashBytes = 32;

    private static ReadOnlySpan<byte> Magic => "SPKCHKPT"u8;

    /// <summary>Writes <paramref name="path"/> atomically with the state <paramref name="save"/> archives.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="save">Writes the payload.</param>
    /// <param name="open">Creates the temporary file (tests substitute a stream that fails mid-write).</param>
    public static void Write(string path, Action<StateArchive> save, Func<string, Stream>? open = null)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("checkpoints are written on little-endian machines only");
        }

        string full = Path.GetFullPath(path);
        string temp = full + ".partial";
        open ??= p => new FileStream(p, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        try
        {
            using (Stream file = open(temp))
            {
                Span<byte> header = stackalloc byte[HeaderBytes];
                Magic.CopyTo(header);
                BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Version);
                file.Write(header); // the length is filled in below

                using var sha = SHA256.Create();
                using (var hashing = new CryptoStream(file, sha, CryptoStreamMode.Write, leaveOpen: true))
                {
                    save(new StateWriter(hashing));
                }

                long payload = file.Position - HeaderBytes;
                file.Write(sha.Hash);
                file.Position = 12;
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(length, payload);
                file.Write(length);
                if (file is FileStream fs)
                {
                    fs.Flush(flushToDisk: true);
                }
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Verifies <paramref name="path"/> (magic, version, length, checksum), then lets <paramref name="restore"/> read the payload.</summary>
    /// <exception cref="CheckpointException">The file is missing, not a checkpoint, of another version, truncated, corrupted, or does not match.</exception>
    public static void Read(string path, Action<StateReader> restore)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"{path}: cannot open the checkpoint ({e.Message})", e);
        }

        using (file)
        {
            long payload = Verify(file, path);
            file.Position = HeaderBytes;
            var reader = new StateReader(file, path);
            try
            {
                restore(reader);
            }
            catch (EndOfStreamException e)
            {
                throw reader.Mismatch($"the state ends early ({e.Message})");
            }

            if (file.Position != HeaderBytes + payload)
            {
                throw reader.Mismatch($"{HeaderBytes + payload - file.Position} bytes of state are left over: the file was not saved from this simulation");
            }
        }
    }

    /// <summary>Checks the header and the checksum; returns the payload length.</summary>
    private static long Verify(FileStream file, string path)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (file.Length < HeaderBytes + HashBytes)
        {
            throw new CheckpointException($"{path}: not a SpikeCore checkpoint or truncated ({file.Length} bytes, fewer than a checkpoint's header and checksum)");
        }

        file.ReadExactly(header);
        if (!header[..8].SequenceEqual(Magic))
        {
            throw new CheckpointException($"{path}: not a SpikeCore checkpoint (it does not start with SPKCHKPT)");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (version != Version)
        {
            throw new CheckpointException($"{path}: checkpoint format version {version}; this SpikeCore reads version {Version}");
        }

        long payload = BinaryPrimitives.ReadInt64LittleEndian(header[12..]);
        long expected = HeaderBytes + payload + HashBytes;
        if (payload < 0 || file.Length != expected)
        {
            throw new CheckpointException($"{path}: truncated or damaged: its header announces {expected} bytes, the file has {file.Length}");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[(int)Math.Clamp(payload, 1, 1 << 20)]; // sized by what the file holds
        for (long left = payload; left > 0;)
        {
            int n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0)
            {
                throw new CheckpointException($"{path}: truncated while reading");
            }

            hash.AppendData(buffer, 0, n);
            left -= n;
        }

        Span<byte> stored = stackalloc byte[HashBytes];
        file.ReadExactly(stored);
        if (!hash.GetHashAndReset().AsSpan().SequenceEqual(stored))
        {
            throw new CheckpointException($"{path}: corrupted: the SHA-256 of its contents does not match the one stored with them");
        }

        return payload;
    }
}
