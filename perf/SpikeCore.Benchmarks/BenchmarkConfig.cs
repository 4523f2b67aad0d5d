using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace SpikeCore.Benchmarks;

/// <summary>Short runs (this project's machines are 2-core and noisy; compare ratios within one run), with allocations.</summary>
internal sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        // Without tiered compilation, as the CLI runs (src/SpikeCore.Cli/runtimeconfig.template.json): tiered, the COBA
        // step measured 2-3x the CLI's time per simulated ms.
        AddJob(Job.ShortRun.WithWarmupCount(2).WithIterationCount(5).WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredCompilation", "0")));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        Add(DefaultConfig.Instance);
    }
}
