using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Devices;
using SpikeCore.Models.Neurons;
using SpikeCore.Models.Serialization;
using SpikeCore.Models.Sources;
using SpikeCore.Models.Synapses;
using SpikeCore.Networks;
using SpikeCore.Running;
using SpikeCore.TestSupport;

namespace SpikeCore.Fuzz.Tests;

/// <summary>Valid files every mutation starts from: each reader's formats and features.</summary>
internal static class Seeds
{
    /// <summary>Every built-in network as JSON.</summary>
    public static IReadOnlyList<string> NetworkFiles { get; } = [.. NetworkCatalog.Names.Select(name => NetworkFile.ToJson(NetworkCatalog.Resolve(name))), NetworkFile.ToJson(Small().Spec)];

    /// <summary>Small graphs in the rudy format (trailing spaces, blank lines, negative weights).</summary>
    public static IReadOnlyList<byte[]> GsetFiles { get; } =
    [
        "4 5\n1 2 1\n1 3 1\n2 3 -1 \n\n3 4 1\n2 4 1\n"u8.ToArray(),
        Encoding.ASCII.GetBytes("20 40\n" + string.Concat(Enumerable.Range(0, 40).Select(k => $"{1 + (k % 20)} {1 + ((k * 7 + 3) % 20 == k % 20 ? (k + 1) % 20 : (k * 7 + 3) % 20)} {(k % 3) - 1}\n"))),
    ];

    /// <summary>Device tables.</summary>
    public static IReadOnlyList<byte[]> DeviceTables { get; } =
    [
        "pulse,potentiation_us,depression_us\n0,1,5\n1,3,2\n2,5,1\n"u8.ToArray(),
        Encoding.ASCII.GetBytes("pulse, potentiation_us, depression_us\n" + string.Concat(Enumerable.Range(0, 33).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p},{Saturating(p)},{Saturating(32 - p)}\n")))),
    ];

    /// <summary>Conductance matrices and input vectors as <c>spikecore crossbar solve</c> reads them.</summary>
    public static IReadOnlyList<byte[]> MatrixFiles { get; } =
    [
        "10,20,30\n40,50,60\n"u8.ToArray(),
        "0.1\n0.2\n0.3\n"u8.ToArray(),
        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 16).Select(i =>
            string.Join(",", Enumerable.Range(0, 16).Select(j => string.Create(CultureInfo.InvariantCulture, $"{1 + (((i * 16) + j) * 0.37):G6}"))) + "\n"))),
    ];

    /// <summary>G after p potentiating pulses of a saturating device from 1 to 5 µS (depression retraces it).</summary>
    private static double Saturating(int p) => 1 + (4 * (1 - Math.Exp(-p / 10.0)) / (1 - Math.Exp(-3.2)));

    /// <summary>WAV files of every supported encoding, one with an extra chunk to skip, and a recording of FSDD when it is there.</summary>
    /// <summary>Idx files (MNIST's format, uncompressed): a 5 × 3 × 3 image set and 5 labels.</summary>
    public static IReadOnlyList<byte[]> IdxFiles { get; } =
    [
        [0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 3, 0, 0, 0, 3, .. Enumerable.Range(0, 45).Select(i => (byte)(i * 5))],
        [0, 0, 8, 1, 0, 0, 0, 5, 3, 1, 4, 1, 5],
    ];

    public static IReadOnlyList<byte[]> WavFiles { get; } = [.. Wavs()];

    private static IEnumerable<byte[]> Wavs()
    {
        foreach ((ushort format, int bits, bool extensible) in new (ushort, int, bool)[] { (1, 8, false), (1, 16, false), (1, 24, false), (1, 32, false), (3, 32, false), (3, 64, false), (1, 16, true) })
        {
            yield return Wav(format, bits, extensible, channels: bits == 16 && !extensible ? 2 : 1, rate: 8000, frames: 200);
        }

        string fsdd = Path.Combine(DataPaths.FsddRecordings, "0_george_0.wav");
        if (File.Exists(fsdd))
        {
            yield return File.ReadAllBytes(fsdd);
        }
    }

    /// <summary>A sine of <paramref name="frames"/> frames in the given encoding, with a LIST chunk to skip.</summary>
    private static byte[] Wav(ushort format, int bits, bool extensible, int channels, int rate, int frames)
    {
        int block = channels * bits / 8;
        var data = new byte[frames * block];
        for (int f = 0; f < frames; f++)
        {
            double x = 0.5 * Math.Sin(2 * Math.PI * 440 * f / rate);
            for (int c = 0; c < channels; c++)
            {
                Span<byte> at = data.AsSpan((f * block) + (c * bits / 8), bits / 8);
                switch (format, bits)
                {
                    case (1, 8): at[0] = (byte)(128 + (127 * x)); break;
                    case (1, 16): BinaryPrimitives.WriteInt16LittleEndian(at, (short)(32767 * x)); break;
                    case (1, 24): int v = (int)(8388607 * x); at[0] = (byte)v; at[1] = (byte)(v >> 8); at[2] = (byte)(v >> 16); break;
                    case (1, 32): BinaryPrimitives.WriteInt32LittleEndian(at, (int)(int.MaxValue * x)); break;
                    case (3, 32): BinaryPrimitives.WriteSingleLittleEndian(at, (float)x); break;
                    default: BinaryPrimitives.WriteDoubleLittleEndian(at, x); break;
                }
            }
        }

        return TestWav.Build(format, channels, rate, bits, data, extensible, junkChunk: true);
    }

    /// <summary>A small network with every kind of state a checkpoint holds (event and clocked neurons, sources, plastic synapses with a device) and a parameter drawn per neuron.</summary>
    public static NetworkBuilder Small() => new NetworkBuilder(seed: 5)
        .AddPopulation("in", 20, PoissonSource.Constant(40))
        .AddPopulation("E", 30, LifExp.Default, p => p.WithInitial("v_mv", Distribution.Uniform(-65, -52)).WithPerNeuron("threshold_mv", Distribution.Uniform(-52, -48)))
        .AddPopulation("C", 10, LifCondExp.Default)
        .Connect("in", "E", Connectivity.FixedInDegree(5), 4.0, Distribution.Uniform(0.5, 2), "excitatory",
            new Stdp { MaxWeight = 8, Device = SaturatingExponentialDevice.RealDevice })
        .Connect("E", "C", Connectivity.Bernoulli(0.3), 3.0, 1.0, "excitatory", TsodyksMarkram.Depressing)
        .Connect("C", "E", Connectivity.Bernoulli(0.3), -2.0, 0.5, "inhibitory");

    /// <summary>The network of the checkpoint seeds, and checkpoints of it after 0, 40 and 95 ms (with a state recorder).</summary>
    public static (Network Network, IReadOnlyList<byte[]> Files) Checkpoints()
    {
        Network net = Small().Build();
        string file = Path.Combine(Path.GetTempPath(), $"spikecore-fuzz-seed-{Environment.ProcessId}.spkc");
        var files = new List<byte[]>();
        using var sim = new Simulation(net);
        sim.RecordState("E", [0, 5], "v_mv", 1);
        foreach (double t in new[] { 0.0, 40, 95 })
        {
            sim.RunTo(t);
            sim.Save(file);
            files.Add(File.ReadAllBytes(file));
        }

        File.Delete(file);
        return (net, files);
    }
}
