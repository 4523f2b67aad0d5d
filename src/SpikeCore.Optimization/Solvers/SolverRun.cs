namespace SpikeCore.Optimization.Solvers;

/// <summary>One run of a max-cut solver from a random start.</summary>
/// <param name="BestCut">The best cut the run visited.</param>
/// <param name="BestSpins">Its spin assignment.</param>
/// <param name="SecondsToBest">Wall time from the run's start to its first visit of that cut.</param>
/// <param name="Seconds">Wall time of the run.</param>
public sealed record SolverRun(long BestCut, sbyte[] BestSpins, double SecondsToBest, double Seconds);
