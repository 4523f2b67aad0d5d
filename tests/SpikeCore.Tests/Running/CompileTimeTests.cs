using SpikeCore.Networks;
using SpikeCore.Running;

namespace SpikeCore.Tests.Running;

/// <summary>
/// Tests that read the process's JIT time, which counts every thread's compiling: they run alone, after the tests that
/// run in parallel (another test compiling during a run of a few milliseconds had put its compile time above its wall
/// time).
/// </summary>
[CollectionDefinition(nameof(CompileTimeTests), DisableParallelization = true)]
[Collection(nameof(CompileTimeTests))]
public class CompileTimeTests
{
    /// <summary>
    /// The compile time a run reports (which `bench` subtracts from its wall time) is the JIT's time inside the run's own
    /// wall time: at most that wall time, and nothing compiled after the run (here a method made and compiled then,
    /// which the process's JIT time does count) moves it. `bench` had measured it to after its result was made, which
    /// subtracted 15-21 ms of compiling the result's own code from every benchmark's time.
    /// </summary>
    [Fact]
    public void A_runs_compile_time_is_the_jits_time_inside_its_wall_time()
    {
        using var sim = new Simulation(BenchmarkNetworks.Cuba(seed: 2, neurons: 500).Build());
        sim.Run(20);
        SimulationStatistics run = sim.Statistics;
        Assert.InRange(run.CompileSeconds, 0, run.WallSeconds);

        TimeSpan before = System.Runtime.JitInfo.GetCompilationTime();
        var method = new System.Reflection.Emit.DynamicMethod("compiled_after_the_run", typeof(int), [typeof(int)]);
        System.Reflection.Emit.ILGenerator il = method.GetILGenerator();
        il.Emit(System.Reflection.Emit.OpCodes.Ldarg_0);
        il.Emit(System.Reflection.Emit.OpCodes.Ldc_I4_1);
        il.Emit(System.Reflection.Emit.OpCodes.Add);
        il.Emit(System.Reflection.Emit.OpCodes.Ret);
        Assert.Equal(42, ((Func<int, int>)method.CreateDelegate(typeof(Func<int, int>)))(41));
        Assert.True(System.Runtime.JitInfo.GetCompilationTime() > before, "the method after the run was compiled");
        Assert.Equal(run.CompileSeconds, sim.Statistics.CompileSeconds);
    }
}
