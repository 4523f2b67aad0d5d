using System.Buffers;
using System.Runtime.InteropServices;

namespace SpikeCore.Recording;

/// <summary>
/// Every spike as a (time, neuron) pair, in emission order, in chunks rented from <see cref="ArrayPool{T}"/> so that
/// recording never copies what it already holds. Reserve capacity up front to record with zero allocations.
/// </summary>
public sealed class SpikeRecorder : IDisposable
{
    private const int ChunkSize = 1 << 16;
    private readonly List<double[]> _times = [];
    private readonly List<int[]> _neurons = [];

    /// <summary>Number of spikes recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Rents chunks for at least <paramref name="spikes"/> more spikes now, so recording them allocates nothing.</summary>
    public void Reserve(long spikes)
    {
        long free = (long)_times.Count * ChunkSize - Count;
        while (free < spikes)
        {
            _times.Add(ArrayPool<double>.Shared.Rent(ChunkSize));
            _neurons.Add(ArrayPool<int>.Shared.Rent(ChunkSize));
            free += ChunkSize;
        }
    }

    internal void Add(double timeMs, int neuron)
    {
        int chunk = (int)(Count >> 16);
        int slot = (int)(Count & (ChunkSize - 1));
        if (chunk == _times.Count)
        {
            Reserve(1);
        }

        _times[chunk][slot] = timeMs;
        _neurons[chunk][slot] = neuron;
        Count++;
    }

    /// <summary>Copies the spike times (ms) out.</summary>
    public double[] TimesMs() => Flatten(_times);

    /// <summary>Copies the neuron ids out.</summary>
    public int[] Neurons() => Flatten(_neurons);

    /// <summary>Calls <paramref name="visit"/> with each chunk of (times, neurons) in order, without copying.</summary>
    public void ForEachChunk(Action<ReadOnlyMemory<double>, ReadOnlyMemory<int>> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        long remaining = Count;
        for (int c = 0; remaining > 0; c++)
        {
            int n = (int)Math.Min(remaining, ChunkSize);
            visit(_times[c].AsMemory(0, n), _neurons[c].AsMemory(0, n));
            remaining -= n;
        }
    }

    /// <summary>Saves or restores every spike recorded so far (chunk by chunk; each restored chunk's length is checked against the file).</summary>
    internal void Checkpoint(Checkpoints.StateArchive a)
    {
        long count = Count;
        a.Value(ref count);
        if (!a.Loading)
        {
            ForEachChunk((times, neurons) =>
            {
                a.Values(MemoryMarshal.AsMemory(times).Span);
                a.Values(MemoryMarshal.AsMemory(neurons).Span);
            });
            return;
        }

        Dispose();
        while (Count < count)
        {
            double[] times = [];
            int[] neurons = [];
            a.Values(ref times);
            a.Values(ref neurons);
            if (times.Length == 0 || times.Length != neurons.Length || times.Length > count - Count)
            {
                throw a.Mismatch($"a chunk of {times.Length} spike times and {neurons.Length} neurons does not fit the {count} spikes announced");
            }

            for (int i = 0; i < times.Length; i++)
            {
                Add(times[i], neurons[i]);
            }
        }
    }

    /// <summary>Returns the chunks to the pool.</summary>
    public void Dispose()
    {
        foreach (double[] c in _times)
        {
            ArrayPool<double>.Shared.Return(c);
        }

        foreach (int[] c in _neurons)
        {
            ArrayPool<int>.Shared.Return(c);
        }

        _times.Clear();
        _neurons.Clear();
        Count = 0;
    }

    private T[] Flatten<T>(List<T[]> chunks)
    {
        var all = new T[Count];
        long remaining = Count;
        for (int c = 0; remaining > 0; c++)
        {
            int n = (int)Math.Min(remaining, ChunkSize);
            Array.Copy(chunks[c], 0, all, (long)c * ChunkSize, n);
            remaining -= n;
        }

        return all;
    }
}
