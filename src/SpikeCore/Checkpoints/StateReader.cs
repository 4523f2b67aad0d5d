using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace SpikeCore.Checkpoints;

/// <summary>
/// Restores state from a checkpoint's payload (see <see cref="StateArchive"/>), checking every section name and array
/// length against the simulation it restores into; a mismatch is a <see cref="CheckpointException"/> naming the section.
/// </summary>
internal sealed class StateReader(Stream stream, string source) : StateArchive
{
    private readonly long _end = stream.Length;
    private string _section = "header";

    public override bool Loading => true;

    public override void Section(string name)
    {
        string found = "";
        Text(ref found);
        if (found != name)
        {
            throw Mismatch($"expected the state of {name}, found {found}");
        }

        _section = name;
    }

    public override void Value<T>(ref T value) => Read(MemoryMarshal.AsBytes(new Span<T>(ref value)));

    public override void Values<T>(Span<T> values)
    {
        long count = ReadCount<T>();
        if (count != values.Length)
        {
            throw Mismatch($"expected {values.Length} values, the file has {count}");
        }

        ReadInto(values);
    }

    public override void Values<T>(ref T[] values)
    {
        values = new T[ReadCount<T>()];
        ReadInto(values.AsSpan());
    }

    public override void Text(ref string text)
    {
        byte[] bytes = [];
        Values(ref bytes);
        text = Encoding.UTF8.GetString(bytes);
    }

    public override CheckpointException Mismatch(string problem) => new($"{source}: {_section}: {problem}");

    private long ReadCount<T>()
        where T : unmanaged
    {
        long count = 0;
        Value(ref count);
        long left = _end - stream.Position;
        if (count < 0 || count > left / Unsafe.SizeOf<T>())
        {
            throw Mismatch($"a length of {count} values does not fit in the {left} bytes left");
        }

        return count;
    }

    private void ReadInto<T>(Span<T> values)
        where T : unmanaged
    {
        int piece = PieceLength<T>();
        for (int i = 0; i < values.Length; i += piece)
        {
            Read(MemoryMarshal.AsBytes(values.Slice(i, Math.Min(piece, values.Length - i))));
        }
    }

    private void Read(Span<byte> bytes)
    {
        try
        {
            stream.ReadExactly(bytes);
        }
        catch (EndOfStreamException e)
        {
            throw Mismatch($"the state ends early ({e.Message})");
        }
    }
}
