using SpikeCore.Partitions;
using SpikeCore.Running;

namespace SpikeCore.Tests.Running;

/// <summary>
/// The processes of a distributed run played by threads of this process: the same collectives as MPI's (a barrier
/// around shared slots), so the distributed protocol is tested wherever the tests run, with or without MPI.
/// </summary>
internal sealed class InProcessGroup
{
    private readonly Barrier _barrier;
    private readonly byte[][] _slots;
    private readonly long[] _values;

    public InProcessGroup(int size)
    {
        _barrier = new Barrier(size);
        _slots = new byte[size][];
        _values = new long[size];
        Members = [.. Enumerable.Range(0, size).Select(rank => new Member(this, rank))];
    }

    /// <summary>One group handle per simulated process.</summary>
    public IReadOnlyList<ProcessGroup> Members { get; }

    /// <summary>Runs <paramref name="work"/> for every member on its own thread and returns the results by rank.</summary>
    public T[] Run<T>(Func<ProcessGroup, T> work)
    {
        var results = new T[Members.Count];
        var errors = new Exception?[Members.Count];
        Thread[] threads = [.. Members.Select((m, rank) => new Thread(() =>
        {
            try
            {
                results[rank] = work(m);
            }
            catch (Exception e)
            {
                errors[rank] = e;
            }
        }))];
        foreach (Thread t in threads)
        {
            t.Start();
        }

        foreach (Thread t in threads)
        {
            t.Join();
        }

        Exception[] failed = [.. errors.OfType<Exception>()];
        return failed.Length == 0 ? results : throw new AggregateException(failed);
    }

    private T[] Exchange<T>(T[] slots, int rank, T mine)
    {
        slots[rank] = mine;
        _barrier.SignalAndWait();
        T[] all = (T[])slots.Clone();
        _barrier.SignalAndWait(); // nobody writes the next round's slot before everyone has read this one
        return all;
    }

    private sealed class Member(InProcessGroup group, int rank) : ProcessGroup
    {
        public override int Rank => rank;

        public override int Size => group._slots.Length;

        protected internal override byte[][] AllGather(byte[] mine) => group.Exchange(group._slots, rank, mine);

        protected internal override long Sum(long value) => group.Exchange(group._values, rank, value).Sum();

        protected internal override long Max(long value) => group.Exchange(group._values, rank, value).Max();
    }
}
