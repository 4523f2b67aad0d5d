using SpikeCore.Runtimes;

namespace SpikeCore.Tests.Runtimes;

public class DenseRowTests
{
    [Fact]
    public void Every_length_and_every_single_wrong_target_is_told_as_a_loop_over_the_targets_tells_it()
    {
        // Against the definition, target k = target 0 + k, for rows longer and shorter than a register, ending anywhere in
        // one, each spoiled at each position in turn (by +1, and by a swap with its neighbour that keeps first and last).
        foreach (int n in Enumerable.Range(0, 70).Append(400).Append(401))
        {
            int[] row = [.. Enumerable.Range(1000, n)];
            Assert.True(DenseRow.Consecutive(row));
            for (int k = 0; k < n; k++)
            {
                int[] bumped = [.. row];
                bumped[k]++;
                Assert.Equal(n == 1, Naive(bumped)); // one target is a consecutive row whatever it is
                Assert.Equal(Naive(bumped), DenseRow.Consecutive(bumped));
                if (k + 2 < n && k > 0)
                {
                    int[] swapped = [.. row];
                    (swapped[k], swapped[k + 1]) = (swapped[k + 1], swapped[k]);
                    Assert.False(DenseRow.Consecutive(swapped));
                    Assert.False(DenseRow.Is(swapped));
                }
            }

            Assert.Equal(n >= System.Numerics.Vector<float>.Count, DenseRow.Is(row));
        }
    }

    private static bool Naive(int[] row) => row.Select((t, k) => t == row[0] + k).All(b => b);
}
