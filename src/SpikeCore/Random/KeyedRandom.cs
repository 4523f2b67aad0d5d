using System.Runtime.CompilerServices;

namespace SpikeCore.Random;

/// <summary>
/// A small, fast, seedable pseudo-random stream (xoshiro256**, Blackman and Vigna 2018).
/// </summary>
/// <remarks>
/// Streams are keyed, not shared: <see cref="Create(ulong, ulong, ulong)"/> derives an independent stream from a
/// (seed, purpose, index) triple through SplitMix64, so every projection row, source neuron or initial value has its
/// own stream and results never depend on the order or the thread in which streams are used.
/// </remarks>
public struct KeyedRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates the stream keyed by <paramref name="seed"/>, <paramref name="purpose"/> and <paramref name="index"/>.</summary>
    public static KeyedRandom Create(ulong seed, ulong purpose, ulong index)
    {
        ulong x = seed ^ 0x9E3779B97F4A7C15UL;
        x = Mix(x ^ Mix(purpose + 0x632BE59BD9B4E019UL));
        x = Mix(x ^ Mix(index + 0x8CB92BA72F3D8DD7UL));
        KeyedRandom r;
        r._s0 = SplitMix(ref x);
        r._s1 = SplitMix(ref x);
        r._s2 = SplitMix(ref x);
        r._s3 = SplitMix(ref x);
        return r;
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitRotate(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotate(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on (0, 1]: safe to take the logarithm of.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="bound"/>) by Lemire's multiply-shift with rejection.</summary>
    public int NextInt(int bound)
    {
        ulong range = (ulong)bound;
        ulong m = (ulong)(uint)(NextUInt64() >> 32) * range;
        if ((uint)m < (uint)range)
        {
            uint threshold = (uint)((0x1_0000_0000UL - range) % range);
            while ((uint)m < threshold)
            {
                m = (ulong)(uint)(NextUInt64() >> 32) * range;
            }
        }

        return (int)(m >> 32);
    }

    /// <summary>Standard normal deviate (Marsaglia polar method; no cached second value, so the stream stays a pure function of its draws).</summary>
    public double NextNormal()
    {
        while (true)
        {
            double u = 2.0 * NextDouble() - 1.0;
            double v = 2.0 * NextDouble() - 1.0;
            double s = u * u + v * v;
            if (s > 0 && s < 1)
            {
                return u * Math.Sqrt(-2.0 * Math.Log(s) / s);
            }
        }
    }

    /// <summary>Exponential deviate with unit mean.</summary>
    public double NextExponential() => -Math.Log(NextDoubleNonZero());

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BitRotate(ulong x, int k) => (x << k) | (x >> (64 - k));
}
