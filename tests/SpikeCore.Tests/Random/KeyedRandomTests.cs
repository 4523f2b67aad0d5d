using SpikeCore.Random;

namespace SpikeCore.Tests.Random;

public class KeyedRandomTests
{
    [Fact]
    public void Streams_are_reproducible_and_distinct_per_key()
    {
        var a = KeyedRandom.Create(1, 2, 3);
        var b = KeyedRandom.Create(1, 2, 3);
        var c = KeyedRandom.Create(1, 2, 4);
        ulong[] sa = Enumerable.Range(0, 8).Select(_ => a.NextUInt64()).ToArray();
        ulong[] sb = Enumerable.Range(0, 8).Select(_ => b.NextUInt64()).ToArray();
        ulong[] sc = Enumerable.Range(0, 8).Select(_ => c.NextUInt64()).ToArray();
        Assert.Equal(sa, sb);
        Assert.NotEqual(sa, sc);
    }

    [Fact]
    public void Uniform_and_normal_moments_are_right()
    {
        var r = KeyedRandom.Create(9, 0, 0);
        const int N = 200_000;
        double sum = 0, sumSq = 0, nSum = 0, nSumSq = 0;
        var counts = new int[10];
        for (int i = 0; i < N; i++)
        {
            double u = r.NextDouble();
            sum += u;
            sumSq += u * u;
            counts[r.NextInt(10)]++;
            double z = r.NextNormal();
            nSum += z;
            nSumSq += z * z;
        }

        Assert.InRange(sum / N, 0.5 - 0.003, 0.5 + 0.003);
        Assert.InRange(sumSq / N - 0.25, 1.0 / 12 - 0.002, 1.0 / 12 + 0.002);
        Assert.InRange(nSum / N, -0.01, 0.01);
        Assert.InRange(nSumSq / N, 0.98, 1.02);
        Assert.All(counts, c => Assert.InRange(c, N / 10 - 600, N / 10 + 600));
    }
}
