namespace SpikeCore.Scheduling;

/// <summary>
/// An indexed binary min-heap holding, for every event-driven neuron and source, the earliest time at which it may
/// emit a spike (+∞ when it cannot).
/// </summary>
/// <remarks>
/// This replaces "push a fire event, mark it stale by a version number when an input changes the prediction": each
/// emitter has exactly one slot whose key is moved in place (O(log n), usually a few levels), so inputs never leave
/// stale entries behind to be popped and discarded. A key may be a guaranteed lower bound rather than the exact
/// crossing time; the owning population refines it when it reaches the top. Ties are broken by emitter id.
/// </remarks>
internal sealed class EmitterHeap
{
    private readonly double[] _keyMs;
    private readonly int[] _heap;
    private readonly int[] _position;

    public EmitterHeap(int emitterCount)
    {
        _keyMs = new double[emitterCount];
        _heap = new int[emitterCount];
        _position = new int[emitterCount];
        for (int i = 0; i < emitterCount; i++)
        {
            _keyMs[i] = double.PositiveInfinity;
            _heap[i] = i;
            _position[i] = i;
        }
    }

    public int Count => _heap.Length;

    public double TopTimeMs => _heap.Length > 0 ? _keyMs[_heap[0]] : double.PositiveInfinity;

    public int TopId => _heap[0];

    public double KeyMs(int id) => _keyMs[id];

    /// <summary>Moves emitter <paramref name="id"/> to <paramref name="timeMs"/>.</summary>
    public void Update(int id, double timeMs)
    {
        double old = _keyMs[id];
        _keyMs[id] = timeMs;
        if (timeMs < old)
        {
            SiftUp(_position[id]);
        }
        else if (timeMs > old)
        {
            SiftDown(_position[id]);
        }
    }

    private bool Less(int a, int b)
    {
        double ka = _keyMs[a], kb = _keyMs[b];
        return ka < kb || (ka == kb && a < b);
    }

    private void SiftUp(int i)
    {
        int id = _heap[i];
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            int p = _heap[parent];
            if (!Less(id, p))
            {
                break;
            }

            _heap[i] = p;
            _position[p] = i;
            i = parent;
        }

        _heap[i] = id;
        _position[id] = i;
    }

    private void SiftDown(int i)
    {
        int id = _heap[i];
        int n = _heap.Length;
        while (true)
        {
            int child = (i << 1) + 1;
            if (child >= n)
            {
                break;
            }

            int c = _heap[child];
            if (child + 1 < n && Less(_heap[child + 1], c))
            {
                child++;
                c = _heap[child];
            }

            if (!Less(c, id))
            {
                break;
            }

            _heap[i] = c;
            _position[c] = i;
            i = child;
        }

        _heap[i] = id;
        _position[id] = i;
    }
}
