using SpikeCore.Reservoir.Reservoirs;
using SpikeCore.Reservoir.Tasks;

namespace SpikeCore.Reservoir.Tests.Tasks;

public class TimeSeriesExperimentTests
{
    private static readonly TimeSeriesExperiment s_short = new() { WashoutSteps = 50, TrainSteps = 800, TestSteps = 400 };

    [Fact]
    public void Without_a_reservoir_the_result_is_the_baseline_a_linear_fit_of_the_input()
    {
        TimeSeriesExperiment.Result r = (s_short with { Task = "second_order", Reservoir = ReservoirKind.None }).Run(2);
        Assert.Equal(r.BaselineNmse, r.Nmse);
        Assert.Equal(0, r.Features);
        Assert.Equal(400, r.Target.Length);
        Assert.Equal(TimeSeriesTask.SecondOrder(1250, 2).Target[850..], r.Target);

        // Independent check: ordinary least squares of y on [1, u] over the training steps, applied to the test steps.
        TimeSeriesTask task = TimeSeriesTask.SecondOrder(1250, 2);
        double[] u = task.Input[50..850], y = task.Target[50..850];
        double mu = u.Average(), my = y.Average();
        double slope = u.Zip(y, (a, b) => (a - mu) * (b - my)).Sum() / u.Sum(a => (a - mu) * (a - mu));
        double[] expected = task.Input[850..].Select(a => my + (slope * (a - mu))).ToArray();
        Assert.All(Enumerable.Range(0, 400), k => Assert.Equal(expected[k], r.Prediction[k], 1e-4));
    }

    [Fact]
    public void A_device_reservoir_adds_the_memory_the_second_order_task_needs()
    {
        TimeSeriesExperiment experiment = s_short with
        {
            Task = "second_order",
            Reservoir = ReservoirKind.Device,
            Device = new DeviceReservoirOptions { DevicesPerChannel = 10 },
        };
        TimeSeriesExperiment.Result r = experiment.Run(3);
        Assert.Equal(40, r.Features);
        Assert.True(r.Nmse < r.BaselineNmse / 20, $"reservoir NMSE {r.Nmse} vs baseline {r.BaselineNmse}");
        Assert.Equal(r.Nmse, experiment.Run(3).Nmse); // same seed, same result
    }

    [Fact]
    public void The_online_readout_learns_what_the_offline_one_does()
    {
        TimeSeriesExperiment experiment = s_short with
        {
            Task = "second_order",
            Reservoir = ReservoirKind.Device,
            Device = new DeviceReservoirOptions { DevicesPerChannel = 5 },
        };
        TimeSeriesExperiment.Result offline = experiment.Run(4), online = (experiment with { OnlineDelta = 1e-4 }).Run(4);
        Assert.Equal(1e-4, online.Lambda);
        Assert.True(online.Nmse < online.BaselineNmse / 10, $"online NMSE {online.Nmse} vs baseline {online.BaselineNmse}");
        Assert.InRange(online.Nmse / offline.Nmse, 0.5, 2);
    }

    [Fact]
    public void The_search_scores_each_configuration_on_a_validation_split_of_its_own_series()
    {
        TimeSeriesExperiment start = s_short with { Task = "second_order", Reservoir = ReservoirKind.Device, Device = new DeviceReservoirOptions { DevicesPerChannel = 5 } };
        TimeSeriesSearch.Trial[] trials = [.. TimeSeriesSearch.Run(start, 3, seed: 4)];
        Assert.Equal([0, 1, 2], trials.Select(t => t.Number));
        Assert.Equal(3, trials.Select(t => t.Parameters["gamma1_per_s"]).Distinct().Count());
        foreach (TimeSeriesSearch.Trial t in trials)
        {
            Assert.Equal(t.Experiment, TimeSeriesSearch.Sample(start, 4, t.Number).Experiment); // reproducible
            TimeSeriesExperiment.Result direct = (t.Experiment with { TrainSteps = 600, TestSteps = 200 }).Run(TimeSeriesSearch.ValidationSeed);
            Assert.Equal(direct.Nmse, t.ValidationNmse);
            Assert.InRange(t.Experiment.Device.NodesPerChannel, 20 - t.Experiment.Device.VirtualNodes + 1, 20); // about the start's 20 nodes
        }
    }

    [Fact]
    public void Unknown_tasks_are_named()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => (s_short with { Task = "narma30" }).Run(1));
        Assert.Contains("narma30", e.Message, StringComparison.Ordinal);
    }
}
