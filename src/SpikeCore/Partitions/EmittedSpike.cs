using System.Runtime.InteropServices;

namespace SpikeCore.Partitions;

/// <summary>
/// A spike as one core emitted it, keyed by when and by what it was emitted, so that spikes from several partitions
/// merge into exactly the order a single core emits them in: by the time of the event that emitted it, then queued
/// events (by kind and source, the queue's own order) before emitters, then spike time and neuron id. Clocked
/// populations emit at their tick spikes whose times lie inside the step, so spike time alone would not do.
/// </summary>
/// <param name="EmittedAtMs">Time of the event during which the spike was emitted.</param>
/// <param name="FromEmitter">Emitted by an event-driven neuron whose key came due (after queued events at the same time).</param>
/// <param name="Kind">For queued events: the event kind (ticks first).</param>
/// <param name="Source">For queued events: the event's source (a tick's population).</param>
/// <param name="TimeMs">The spike time.</param>
/// <param name="Id">The neuron's global id.</param>
internal readonly record struct EmittedSpike(double EmittedAtMs, bool FromEmitter, byte Kind, int Source, double TimeMs, int Id) : IComparable<EmittedSpike>
{
    public int CompareTo(EmittedSpike other)
    {
        int c = EmittedAtMs.CompareTo(other.EmittedAtMs);
        if (c == 0)
        {
            c = FromEmitter.CompareTo(other.FromEmitter);
        }

        if (c == 0)
        {
            c = Kind.CompareTo(other.Kind);
        }

        if (c == 0)
        {
            c = Source.CompareTo(other.Source);
        }

        if (c == 0)
        {
            c = TimeMs.CompareTo(other.TimeMs);
        }

        return c != 0 ? c : Id.CompareTo(other.Id);
    }

    /// <summary>
    /// Sorts a window's spikes in this order: by insertion, each spike compared by its emission time first, for the few
    /// tens of spikes a window holds (a general sort calls <see cref="CompareTo"/> for every comparison, and a partition
    /// emits its spikes almost in this order); a general sort from <see cref="InsertionMax"/> spikes on.
    /// </summary>
    internal static void Sort(Span<EmittedSpike> spikes)
    {
        if (spikes.Length > InsertionMax)
        {
            spikes.Sort();
            return;
        }

        for (int i = 1; i < spikes.Length; i++)
        {
            EmittedSpike s = spikes[i];
            int j = i - 1;
            while (j >= 0 && Precedes(s, spikes[j]))
            {
                spikes[j + 1] = spikes[j];
                j--;
            }

            spikes[j + 1] = s;
        }
    }

    /// <summary>The most spikes <see cref="Sort"/> sorts by insertion.</summary>
    internal const int InsertionMax = 64;

    /// <summary>
    /// Appends the spikes of <paramref name="runs"/>, each already in this order (<see cref="Sort"/>), to
    /// <paramref name="into"/>, merged in this order: one comparison per spike and further run. Sorting each partition's
    /// spikes and merging them is cheaper than sorting them together, two runs of nearly ordered spikes being far from
    /// ordered one after the other; from more than <see cref="MergeMostRuns"/> runs on, the comparisons per spike would
    /// outnumber a sort's, and the runs are sorted together instead.
    /// </summary>
    internal static void Merge(ReadOnlySpan<ArraySegment<EmittedSpike>> runs, List<EmittedSpike> into)
    {
        int start = into.Count, total = 0;
        foreach (ArraySegment<EmittedSpike> run in runs)
        {
            total += run.Count;
        }

        CollectionsMarshal.SetCount(into, start + total);
        Span<EmittedSpike> merged = CollectionsMarshal.AsSpan(into).Slice(start, total);
        if (runs.Length > MergeMostRuns)
        {
            int at = 0;
            foreach (ArraySegment<EmittedSpike> run in runs)
            {
                run.AsSpan().CopyTo(merged[at..]);
                at += run.Count;
            }

            Sort(merged);
            return;
        }

        Span<int> next = stackalloc int[runs.Length];
        for (int i = 0; i < total; i++)
        {
            int from = -1;
            for (int r = 0; r < runs.Length; r++)
            {
                if (next[r] < runs[r].Count && (from < 0 || Precedes(runs[r][next[r]], runs[from][next[from]])))
                {
                    from = r;
                }
            }

            merged[i] = runs[from][next[from]++];
        }
    }

    /// <summary>The most runs <see cref="Merge"/> merges (one comparison per spike and run); more are sorted together.</summary>
    internal const int MergeMostRuns = 4;

    /// <summary>Whether <paramref name="a"/> comes before <paramref name="b"/>, its emission time compared inline first.</summary>
    private static bool Precedes(in EmittedSpike a, in EmittedSpike b) =>
        a.EmittedAtMs < b.EmittedAtMs || (a.EmittedAtMs == b.EmittedAtMs && a.CompareTo(b) < 0);
}
