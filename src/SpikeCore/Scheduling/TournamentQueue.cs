using System.Numerics;

namespace SpikeCore.Scheduling;

/// <summary>
/// A winner tree (Knuth, TAOCP vol. 3, 5.4.1) over ids 0 … n − 1 keyed by time: each inner node holds the better of its
/// two children by (time, id), so the root is the smallest key, ties to the lowest id (a heap's order). Changing one
/// key replays its leaf's path to the root: ⌈log₂ n⌉ comparisons of known pairs, no sift, no allocation.
/// </summary>
/// <remarks>
/// For the hold pattern of a small population of independent emitters (a Poisson population's trains: take the
/// earliest, draw its next, put it back) this costs one path per spike where a <see cref="CalendarQueue"/> unlinks, links
/// and scans a bucket; the calendar's O(1) wins only when the path gets long and leaves the cache.
/// </remarks>
internal sealed class TournamentQueue
{
    /// <summary>Node k's winner, its key and id side by side: leaves at [size, size + n), node k's children at 2k and 2k + 1, the root at 1.</summary>
    private readonly double[] _keyMs;
    private readonly int[] _id;
    private readonly int _size;

    /// <summary>A queue of ids 0 … <paramref name="count"/> − 1, every key +∞ (none due).</summary>
    public TournamentQueue(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(count, 1));
        _keyMs = new double[2 * _size];
        _keyMs.AsSpan().Fill(double.PositiveInfinity); // the leaves past the last id never win
        _id = new int[2 * _size];
        for (int i = 0; i < _size; i++)
        {
            _id[_size + i] = i;
        }

        for (int k = _size - 1; k >= 1; k--)
        {
            _id[k] = _id[2 * k]; // all +∞: the left, lower ids win
        }
    }

    /// <summary>The id with the smallest key (ties: the smallest id).</summary>
    public int TopId => _id[1];

    /// <summary>The smallest key (+∞ when none is due).</summary>
    public double TopTimeMs => _keyMs[1];

    /// <summary>
    /// Sets <paramref name="id"/>'s key to <paramref name="timeMs"/> (+∞: not due) and replays its path: at each level the
    /// path's winner so far meets its sibling's (read, never written on this path), the left one taking equal keys.
    /// </summary>
    public void Set(int id, double timeMs)
    {
        double[] keys = _keyMs;
        int[] ids = _id;
        int k = _size + id;
        keys[k] = timeMs;
        double key = timeMs;
        int winner = id;
        for (; k > 1; k >>= 1)
        {
            // Without branches: which side wins is a coin toss the predictor cannot learn.
            int sibling = k ^ 1;
            double siblingKey = keys[sibling];
            bool siblingWins = (siblingKey < key) | (((k & 1) != 0) & (siblingKey == key)); // odd k: the sibling is on the left
            winner ^= (winner ^ ids[sibling]) & -(siblingWins ? 1 : 0);
            key = double.MinNative(key, siblingKey);
            keys[k >> 1] = key;
            ids[k >> 1] = winner;
        }
    }
}
