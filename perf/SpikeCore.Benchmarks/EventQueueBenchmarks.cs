using BenchmarkDotNet.Attributes;
using SpikeCore.Random;
using SpikeCore.Scheduling;

namespace SpikeCore.Benchmarks;

/// <summary>Push/pop throughput of the event queue and the emitter heap at the sizes the benchmark networks reach.</summary>
public class EventQueueBenchmarks
{
    private const int Operations = 100_000;
    private readonly EventQueue _queue = new(1 << 16);
    private EmitterHeap _heap = null!;
    private double[] _times = null!;

    [Params(16, 4096)]
    public int Pending { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = KeyedRandom.Create(1, 0, 0);
        _times = Enumerable.Range(0, Operations).Select(_ => rng.NextDouble() * 10).ToArray();
        _heap = new EmitterHeap(Pending);
    }

    /// <summary>Hold-model: keep <see cref="Pending"/> events queued, pop one and push one per operation.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public double QueueHold()
    {
        _queue.Clear();
        for (int i = 0; i < Pending; i++)
        {
            _queue.Push(_times[i], EventKind.Delivery, i, 0);
        }

        double sum = 0;
        for (int i = 0; i < Operations; i++)
        {
            ScheduledEvent e = _queue.Pop();
            sum += e.TimeMs;
            _queue.Push(e.TimeMs + _times[i], EventKind.Delivery, e.Source, 0);
        }

        return sum;
    }

    /// <summary>Emitter heap: move the top emitter's key later, as a pop of a neuron does.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public double EmitterHold()
    {
        for (int i = 0; i < Pending; i++)
        {
            _heap.Update(i, _times[i]);
        }

        double sum = 0;
        for (int i = 0; i < Operations; i++)
        {
            int top = _heap.TopId;
            double t = _heap.TopTimeMs;
            sum += t;
            _heap.Update(top, t + _times[i]);
        }

        return sum;
    }
}
