using SpikeCore.Building;
using SpikeCore.Compiled;
using SpikeCore.Models.Neurons;
using SpikeCore.Runtimes;

namespace SpikeCore.Tests.Runtimes;

public class DeliveryBlockTests
{
    [Fact]
    public void Every_packed_block_tells_what_the_table_arrays_tell()
    {
        // Rows with one to several blocks: two target populations, a projection with random delays (several delay groups
        // per row), one with one delay, an all-to-all projection (dense rows) and a one-to-one one (rows of one
        // target, not dense); against the table's own arrays, block by block.
        Network net = new NetworkBuilder(7)
            .AddPopulation("a", 60, LifExp.Default)
            .AddPopulation("b", 40, LifExp.Default)
            .Connect("a", "a", Connectivity.Bernoulli(0.2), 1.0, Distribution.Uniform(0.1, 3), "excitatory")
            .Connect("a", "b", Connectivity.Bernoulli(0.3), 1.0, 1.0, "inhibitory")
            .Connect("b", "a", Connectivity.AllToAll(), 1.0, 0.5, "excitatory")
            .Connect("b", "b", Connectivity.OneToOne(), 1.0, 2.0, "inhibitory")
            .Build();
        SynapseTable t = net.Synapses;
        DeliveryBlock[] packed = DeliveryBlock.Pack(t);
        Assert.Equal(t.BlockCount, packed.Length);
        int same = 0, later = 0, dense = 0;
        for (int row = 0; row < net.NeuronCount; row++)
        {
            for (int b = t.RowBlockStart[row], end = t.RowBlockStart[row + 1]; b < end; b++)
            {
                DeliveryBlock k = packed[b];
                Assert.Equal(t.BlockSynapseStart[b], k.SynapseStart);
                Assert.Equal(t.BlockSynapseStart[b + 1] - t.BlockSynapseStart[b], k.Count);
                Assert.Equal(t.BlockTargetPopulation[b], k.TargetPopulation);
                Assert.Equal(t.BlockProjection[b], k.Projection);
                Assert.Equal(t.BlockReceptor[b], k.Receptor);
                Assert.Equal(t.DenseRowStart[b] >= 0, k.Dense);
                Assert.Equal(b + 1 < end && t.BlockDelayMs[b + 1] == t.BlockDelayMs[b], k.SameDelayFollows);
                Assert.Equal(b + 1 < end && t.BlockDelayMs[b + 1] != t.BlockDelayMs[b], k.LaterDelayFollows);
                (same, later, dense) = (same + (k.SameDelayFollows ? 1 : 0), later + (k.LaterDelayFollows ? 1 : 0), dense + (k.Dense ? 1 : 0));
            }
        }

        Assert.True(same > 0 && later > 0 && dense > 0, $"every kind of block met ({same} same-delay, {later} later-delay, {dense} dense)");
    }
}
