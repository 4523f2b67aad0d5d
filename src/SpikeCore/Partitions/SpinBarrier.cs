namespace SpikeCore.Partitions;

/// <summary>
/// A barrier for the few threads of a partitioned run that meet thousands of times per simulated second (windows of
/// 0.1 ms): arrivals spin (yielding, never sleeping) instead of blocking in the kernel, because waking a blocked
/// thread costs more than a short window's work. Sense-reversing: the last arrival resets the count and flips the phase.
/// </summary>
internal sealed class SpinBarrier(int participants)
{
    private readonly int _participants = participants;

    /// <summary>Busy-wait iterations before yielding (tens of µs: a window's imbalance, not more, so other processes' threads on the same cores are not starved); none when the participants outnumber the processors.</summary>
    private readonly int _spins = participants <= Environment.ProcessorCount ? 1 << 10 : 0;
    private int _remaining = participants;
    private volatile int _phase;

    /// <summary>Waits until every participant has arrived.</summary>
    public void SignalAndWait()
    {
        int phase = _phase;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _participants;
            _phase = phase + 1; // volatile write: publishes the reset count and everything written before the barrier
            return;
        }

        for (int i = 0; i < _spins && _phase == phase; i++)
        {
            Thread.SpinWait(1);
        }

        var spin = new SpinWait();
        while (_phase == phase)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
