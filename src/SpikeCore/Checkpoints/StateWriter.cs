using System.Runtime.InteropServices;
using System.Text;

namespace SpikeCore.Checkpoints;

/// <summary>Saves state to a stream (see <see cref="StateArchive"/>).</summary>
internal sealed class StateWriter(Stream stream) : StateArchive
{
    public override bool Loading => false;

    public override void Section(string name)
    {
        string text = name;
        Text(ref text);
    }

    public override void Value<T>(ref T value) => stream.Write(MemoryMarshal.AsBytes(new Span<T>(ref value)));

    public override void Values<T>(Span<T> values)
    {
        long count = values.Length;
        Value(ref count);
        int piece = PieceLength<T>();
        for (int i = 0; i < values.Length; i += piece)
        {
            stream.Write(MemoryMarshal.AsBytes(values.Slice(i, Math.Min(piece, values.Length - i))));
        }
    }

    public override void Values<T>(ref T[] values) => Values(values.AsSpan());

    public override CheckpointException Mismatch(string problem) => new(problem);

    public override void Text(ref string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Values(bytes.AsSpan());
    }
}
