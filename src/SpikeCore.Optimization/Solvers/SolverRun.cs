namespace SpikeCore.Optimization.Solvers;

/// <summary>One run of a max-cut solver from a random start.</summary>
/// <param name="BestCut">The best cut the run visited.</param>
/// <param name="BestSpins">Its spin assignment.</param>
/// <param name="SecondsToBest">Wall time from the run's start to its first visit of that cut.</param>
/// <param name="Seconds">Wall time of the run.</param>
/// <param name="Improvements">The best cut so far each time it rose (at most one point per 0.1 ms of wall time), the last being (<paramref name="SecondsToBest"/>, <paramref name="BestCut"/>).</param>
public sealed record SolverRun(long BestCut, sbyte[] BestSpins, double SecondsToBest, double Seconds, IReadOnlyList<(double Seconds, long Cut)> Improvements);
