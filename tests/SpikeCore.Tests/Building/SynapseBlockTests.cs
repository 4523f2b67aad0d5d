using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;

namespace SpikeCore.Tests.Building;

public class SynapseBlockTests
{
    [Fact]
    public void Every_block_record_tells_what_the_network_and_its_rows_tell()
    {
        // Rows with one to several blocks: two target populations, a projection with random delays (several delay groups
        // per row), one with one delay, an all-to-all projection (dense rows) and a one-to-one one (rows of one
        // target, not dense). Each record against the projection it came from (its spec's target and receptor), the
        // row's delays, a loop over its targets, and the blocks tiling the synapses in order.
        NetworkBuilder builder = new NetworkBuilder(7)
            .AddPopulation("a", 60, LifExp.Default)
            .AddPopulation("b", 40, LifExp.Default)
            .Connect("a", "a", Connectivity.Bernoulli(0.2), 1.0, Distribution.Uniform(0.1, 3), "excitatory")
            .Connect("a", "b", Connectivity.Bernoulli(0.3), 1.0, 1.0, "inhibitory")
            .Connect("b", "a", Connectivity.AllToAll(), 1.0, 0.5, "excitatory")
            .Connect("b", "b", Connectivity.OneToOne(), 1.0, 2.0, "inhibitory");
        Network net = builder.Build();
        SynapseTable t = net.Synapses;
        string[] receptors = [.. LifExp.Default.Receptors];
        int same = 0, later = 0, dense = 0, next = 0;
        for (int row = 0; row < net.NeuronCount; row++)
        {
            for (int b = t.RowBlockStart[row], end = t.RowBlockStart[row + 1]; b < end; b++)
            {
                SynapseBlock k = t.Blocks[b];
                var spec = net.Spec.Projections[k.Projection];
                Assert.Equal(net.Population(spec.From).Index, net.PopulationOf[row]);
                Assert.Equal(net.Population(spec.To).Index, k.TargetPopulation);
                Assert.Equal(Array.IndexOf(receptors, spec.Receptor), k.Receptor);
                Assert.Equal(next, k.SynapseStart); // the blocks tile the synapses, row after row
                Assert.True(k.Count > 0);
                next += k.Count;
                int[] targets = t.Target.AsSpan(k.SynapseStart, k.Count).ToArray();
                bool consecutive = targets.Select((x, i) => x == targets[0] + i).All(c => c);
                Assert.Equal(consecutive && targets.Length >= System.Numerics.Vector<float>.Count, k.Dense);
                Assert.Equal(k.Dense ? targets[0] : -1, t.DenseRowStart(b));
                Assert.Equal(b + 1 < end && t.BlockDelayMs[b + 1] == t.BlockDelayMs[b], k.SameDelayFollows);
                Assert.Equal(b + 1 < end && t.BlockDelayMs[b + 1] != t.BlockDelayMs[b], k.LaterDelayFollows);
                (same, later, dense) = (same + (k.SameDelayFollows ? 1 : 0), later + (k.LaterDelayFollows ? 1 : 0), dense + (k.Dense ? 1 : 0));
            }
        }

        Assert.Equal(t.SynapseCount, next);
        Assert.True(same > 0 && later > 0 && dense > 0, $"every kind of block met ({same} same-delay, {later} later-delay, {dense} dense)");
    }
}
