using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SpikeCore.Checkpoints;

namespace SpikeCore.Models.Neurons.Channels;

/// <summary>
/// One exponentially decaying synaptic conductance per neuron (τ dg/dt = −g, an input of weight w adds w), kept as its
/// exact trajectory over the current step [t_n, t_n+1]: Start = g(t_n), End = g(t_n+1) and Integral = ∫g dt over the
/// step. An input at t inside the step adds w·e^(−(t_n+1 − t)/τ) to End and w·τ(1 − e^(−(t_n+1 − t)/τ)) to Integral.
/// </summary>
internal sealed class Conductance
{
    private readonly double _decay, _area;

    public Conductance(int count, double tauMs, double stepMs, double[]? initial)
    {
        TauMs = tauMs;
        StepMs = stepMs;
        _decay = Math.Exp(-stepMs / tauMs);
        HalfStepDecay = Math.Exp(-0.5 * stepMs / tauMs);
        _area = tauMs * (1 - _decay);
        Start = new double[count];
        End = new double[count];
        Integral = new double[count];
        if (initial is not null)
        {
            for (int j = 0; j < initial.Length; j++)
            {
                SetStep(j, initial[j]);
            }
        }
    }

    public double TauMs { get; }

    public double StepMs { get; }

    /// <summary>e^(−h/(2τ)).</summary>
    public double HalfStepDecay { get; }

    /// <summary>e^(−h/τ).</summary>
    public double StepDecay => _decay;

    public double[] Start { get; }

    public double[] End { get; }

    public double[] Integral { get; }

    /// <summary>Saves or restores the trajectories over the current step.</summary>
    public void Checkpoint(StateArchive a)
    {
        a.Arrays(Start, End, Integral);
    }

    /// <summary>Adds an input of weight <paramref name="weight"/> to neuron <paramref name="j"/> at <paramref name="timeMs"/> inside the step ending at <paramref name="stepEndMs"/>.</summary>
    public void Add(int j, double weight, double timeMs, double stepEndMs)
    {
        double left = stepEndMs - timeMs;
        double toEnd = Math.Exp(-left / TauMs);
        End[j] += weight * toEnd;
        Integral[j] += weight * TauMs * (1 - toEnd);
        if (left >= StepMs)
        {
            Start[j] += weight;
        }
    }

    /// <summary>Adds inputs arriving at <paramref name="timeMs"/> inside the step that ends at <paramref name="stepEndMs"/>.</summary>
    public void Add(double timeMs, double stepEndMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights)
    {
        double left = stepEndMs - timeMs;
        double toEnd = Math.Exp(-left / TauMs);
        double area = TauMs * (1 - toEnd);
        bool atStart = left >= StepMs;
        for (int k = 0; k < targets.Length; k++)
        {
            int j = targets[k];
            double w = weights[k];
            End[j] += w * toEnd;
            Integral[j] += w * area;
            if (atStart)
            {
                Start[j] += w;
            }
        }
    }

    /// <summary>Moves every trajectory on by one step (after the step has been integrated): <see cref="SetStep"/> a register at a time.</summary>
    public void Advance()
    {
        ref double start = ref MemoryMarshal.GetArrayDataReference(Start), end = ref MemoryMarshal.GetArrayDataReference(End);
        ref double integral = ref MemoryMarshal.GetArrayDataReference(Integral);
        Vector256<double> decay = Vector256.Create(_decay), area = Vector256.Create(_area);
        int j = 0;
        for (; j <= End.Length - 4; j += 4)
        {
            Vector256<double> g = Vector256.LoadUnsafe(ref end, (nuint)j);
            g.StoreUnsafe(ref start, (nuint)j);
            (g * decay).StoreUnsafe(ref end, (nuint)j);
            (g * area).StoreUnsafe(ref integral, (nuint)j);
        }

        for (; j < End.Length; j++)
        {
            SetStep(j, End[j]);
        }
    }

    private void SetStep(int j, double start)
    {
        Start[j] = start;
        End[j] = start * _decay;
        Integral[j] = start * _area;
    }
}
