using System.Diagnostics;
using FsCheck.Fluent;
using FsCheck;

namespace SpikeCore.Fuzz.Tests;

/// <summary>What a fuzzing run of one reader saw.</summary>
/// <param name="Reader">The reader's name.</param>
/// <param name="Inputs">Inputs tried.</param>
/// <param name="Accepted">Inputs read without error.</param>
/// <param name="Refused">Inputs refused with the reader's documented exception.</param>
/// <param name="MostAllocatedBytes">The largest allocation reading one input.</param>
/// <param name="SlowestMs">The longest a single input took.</param>
internal sealed record FuzzReport(string Reader, int Inputs, int Accepted, int Refused, long MostAllocatedBytes, double SlowestMs)
{
    public override string ToString() =>
        $"{Reader}: {Inputs} inputs, {Accepted} read, {Refused} refused with the documented exception, 0 other exceptions, 0 hangs; at most {MostAllocatedBytes / 1024.0:F0} KiB allocated for one input (bound: {Fuzzer.BytesPerInputByte} bytes per input byte + {Fuzzer.FixedAllowanceBytes >> 20} MiB), slowest {SlowestMs:F1} ms";
}

/// <summary>
/// Runs a reader on mutated valid files: FsCheck draws a seed file and an edit list (<see cref="Mutation"/>) or a
/// structured edit, and each input must be read or refused with the reader's documented exception, within
/// <see cref="TimeLimit"/> (else: a hang), allocating at most <see cref="BytesPerInputByte"/> times its size plus
/// <see cref="FixedAllowanceBytes"/>. A failure stops the run, saves the input under the temporary folder and names it;
/// FsCheck then shrinks it to fewer, smaller edits.
/// </summary>
internal static class Fuzzer
{
    /// <summary>Inputs per reader: <c>SPIKECORE_FUZZ_INPUTS</c>, 2,000 by default (CI); the README's counts are from 100,000.</summary>
    public static int InputsPerReader { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("SPIKECORE_FUZZ_INPUTS"), out int n) && n > 0 ? n : 2000;

    /// <summary>Longer than any legitimate read of these small inputs by orders of magnitude.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    public const double BytesPerInputByte = 64;

    public const long FixedAllowanceBytes = 4 << 20;

    /// <summary>Fuzzes <paramref name="read"/> with byte-level edits of <paramref name="seeds"/>.</summary>
    /// <exception cref="InvalidOperationException">A seed itself is not read (the seeds must be valid files).</exception>
    public static FuzzReport Run(string reader, IReadOnlyList<byte[]> seeds, Action<byte[]> read, Func<Exception, bool> documented, ulong seed = 1)
    {
        foreach (byte[] valid in seeds)
        {
            if (Measure(reader, valid, read).Error is { } error)
            {
                throw new InvalidOperationException($"{reader}: a seed file is refused: {error.Message}");
            }
        }

        return Run(reader, from s in Gen.Choose(0, seeds.Count - 1) from edits in Mutation.Edits select Mutation.Apply(seeds[s], edits), read, documented, seed);
    }

    /// <summary>Fuzzes <paramref name="read"/> with inputs drawn from <paramref name="inputs"/>.</summary>
    public static FuzzReport Run(string reader, Gen<byte[]> inputs, Action<byte[]> read, Func<Exception, bool> documented, ulong seed = 1)
    {
        int tried = 0, accepted = 0, refused = 0;
        double slowest = 0;
        long mostAllocated = 0;
        Property property = Prop.ForAll(inputs.ToArbitrary(), input =>
        {
            (Exception? error, long allocated, double ms) = Measure(reader, input, read);
            tried++;
            slowest = Math.Max(slowest, ms);
            if (error is null)
            {
                accepted++;
            }
            else if (documented(error))
            {
                refused++;
            }
            else
            {
                throw new InvalidOperationException($"{reader}: an undocumented {error.GetType().Name} on input {Save(reader, input)}: {error}");
            }

            mostAllocated = Math.Max(mostAllocated, allocated);
            if (allocated > FixedAllowanceBytes + (BytesPerInputByte * input.Length))
            {
                throw new InvalidOperationException($"{reader}: {allocated} bytes allocated for {input.Length} input bytes ({Save(reader, input)})");
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(InputsPerReader).WithReplay(seed, 0x9E3779B97F4A7C15).WithQuietOnSuccess(true), property);
        return new FuzzReport(reader, tried, accepted, refused, mostAllocated, slowest);
    }

    /// <summary>Reads one input on its own thread (so a hang is caught and the allocation counted exactly).</summary>
    private static (Exception? Error, long AllocatedBytes, double Ms) Measure(string reader, byte[] input, Action<byte[]> read)
    {
        Exception? error = null;
        long allocated = 0;
        var clock = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                read(input);
            }
            catch (Exception e)
            {
                error = e;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }, maxStackSize: 16 << 20) { IsBackground = true };
        thread.Start();
        if (!thread.Join(TimeLimit))
        {
            throw new TimeoutException($"{reader}: no answer within {TimeLimit.TotalSeconds} s on input {Save(reader, input)}");
        }

        return (error, allocated, clock.Elapsed.TotalMilliseconds);
    }

    private static string Save(string reader, byte[] input)
    {
        string path = Path.Combine(Path.GetTempPath(), $"spikecore-fuzz-{reader}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(input))[..12]}.bin");
        File.WriteAllBytes(path, input);
        return path;
    }
}
