using BenchmarkDotNet.Running;

namespace SpikeCore.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (e.g. <c>--filter *Delivery*</c>), or the soak run (<c>soak</c>, see <see cref="Soak"/>).</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "soak")
        {
            return Soak.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
        return 0;
    }
}
