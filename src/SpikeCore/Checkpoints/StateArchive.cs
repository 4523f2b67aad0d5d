using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpikeCore.Checkpoints;

/// <summary>
/// Saves or restores mutable state, field by field, through one method per component for both directions (the
/// <c>ar &amp; x</c> idiom of Boost.Serialization): a runtime lists its state once in <c>Checkpoint(StateArchive)</c>,
/// so what is saved and what is restored cannot drift apart. Arrays are written as raw little-endian bytes.
/// </summary>
/// <remarks>
/// Restoring writes into the existing objects of a freshly built simulation of the same network: fixed-size arrays are
/// filled in place (their lengths must match the file's), growable ones are replaced. Sections name what follows, so a
/// file that does not match the simulation is reported with the component where they part.
/// </remarks>
public abstract class StateArchive
{
    /// <summary>Only the engine's writer and reader are archives.</summary>
    private protected StateArchive()
    {
    }

    /// <summary>Whether state is being restored (false: saved).</summary>
    public abstract bool Loading { get; }

    /// <summary>Marks (or, loading, checks) the start of the named component's state.</summary>
    public abstract void Section(string name);

    /// <summary>One value.</summary>
    public abstract void Value<T>(ref T value)
        where T : unmanaged;

    /// <summary>A fixed number of values, restored in place (the count must match).</summary>
    public abstract void Values<T>(Span<T> values)
        where T : unmanaged;

    /// <summary>An array whose length may have changed, restored as a new array.</summary>
    public abstract void Values<T>(ref T[] values)
        where T : unmanaged;

    /// <summary>Several fixed-size arrays of one element type, one after another.</summary>
    public void Arrays<T>(params ReadOnlySpan<T[]> arrays)
        where T : unmanaged
    {
        foreach (T[] array in arrays)
        {
            Values(array.AsSpan());
        }
    }

    /// <summary>A list, restored to the saved contents.</summary>
    public void Values<T>(List<T> values)
        where T : unmanaged
    {
        if (!Loading)
        {
            Values(CollectionsMarshal.AsSpan(values));
            return;
        }

        T[] saved = []; // read (its length checked against the file) before the list is touched
        Values(ref saved);
        values.Clear();
        values.AddRange(saved);
    }

    /// <summary>Saves a value the restoring simulation must already have (a count, a setting) and checks it when restoring.</summary>
    public void Same<T>(T current, string what)
        where T : unmanaged, IEquatable<T>
    {
        T saved = current;
        Value(ref saved);
        if (!saved.Equals(current))
        {
            throw Mismatch($"{what}: the checkpoint has {saved}, this simulation {current}");
        }
    }

    /// <summary>A problem with the saved state, named with the file and the section being restored.</summary>
    public abstract CheckpointException Mismatch(string problem);

    /// <summary>A string.</summary>
    public abstract void Text(ref string text);

    /// <summary>The number of <typeparamref name="T"/> values moved at once, so one piece of bytes stays below 2 GB.</summary>
    private protected static int PieceLength<T>()
        where T : unmanaged => Math.Max(1, (1 << 26) / Unsafe.SizeOf<T>());
}
