using System.Runtime.CompilerServices;
using SpikeCore.Random;

namespace SpikeCore.Optimization.Oscillators;

/// <summary>
/// Standard normal deviates by Marsaglia and Tsang's ziggurat (J. Stat. Softw. 5(8), 2000): 128 equal-area layers
/// under f(x) = e^(−x²/2); about 98.8% of draws cost one 64-bit random number, one compare and one multiply, against
/// a logarithm and a square root for the polar method. The layer index and the signed abscissa come from disjoint bits
/// of the draw (Doornik 2005), and the tail beyond r is sampled exactly (Marsaglia 1964).
/// </summary>
internal static class ZigguratNormal
{
    private const int Layers = 128;
    private const double TailStart = 3.442619855899;
    private const double LayerArea = 9.91256303526217e-3;
    private const double Scale = 2147483648.0; // 2^31: the abscissa is a signed 32-bit integer times w

    private static readonly uint[] Accept = new uint[Layers];
    private static readonly double[] Width = new double[Layers];
    private static readonly double[] Height = new double[Layers];

    static ZigguratNormal()
    {
        double x = TailStart, previous = TailStart;
        double q = LayerArea / Math.Exp(-0.5 * x * x);
        Accept[0] = (uint)(x / q * Scale);
        Accept[1] = 0;
        Width[0] = q / Scale;
        Width[Layers - 1] = x / Scale;
        Height[0] = 1;
        Height[Layers - 1] = Math.Exp(-0.5 * x * x);
        for (int i = Layers - 2; i >= 1; i--)
        {
            x = Math.Sqrt(-2 * Math.Log((LayerArea / x) + Math.Exp(-0.5 * x * x)));
            Accept[i + 1] = (uint)(x / previous * Scale);
            previous = x;
            Height[i] = Math.Exp(-0.5 * x * x);
            Width[i] = x / Scale;
        }
    }

    /// <summary>One standard normal deviate from <paramref name="rng"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Next(ref KeyedRandom rng)
    {
        ulong bits = rng.NextUInt64();
        int layer = (int)(bits & (Layers - 1));
        int signed = (int)(bits >> 32);
        return (uint)Math.Abs((long)signed) < Accept[layer] ? signed * Width[layer] : Slow(ref rng, signed, layer);
    }

    private static double Slow(ref KeyedRandom rng, int signed, int layer)
    {
        while (true)
        {
            double x = signed * Width[layer];
            if (layer == 0)
            {
                double tail, y;
                do
                {
                    tail = -Math.Log(rng.NextDoubleNonZero()) / TailStart;
                    y = -Math.Log(rng.NextDoubleNonZero());
                }
                while (y + y < tail * tail);
                return signed > 0 ? TailStart + tail : -TailStart - tail;
            }

            if (Height[layer] + (rng.NextDouble() * (Height[layer - 1] - Height[layer])) < Math.Exp(-0.5 * x * x))
            {
                return x;
            }

            ulong bits = rng.NextUInt64();
            layer = (int)(bits & (Layers - 1));
            signed = (int)(bits >> 32);
            if ((uint)Math.Abs((long)signed) < Accept[layer])
            {
                return signed * Width[layer];
            }
        }
    }
}
