using SpikeCore.Parameters;

namespace SpikeCore.Crossbar.Engine;

/// <summary>The array models of <c>SpikeCore.Crossbar</c> in <see cref="ModelRegistry"/>, so network files can name them.</summary>
public static class CrossbarModels
{
    private static readonly Lazy<bool> s_registered = new(() =>
    {
        ModelRegistry.Register<SynapseModel>(new ArraySynapse());
        return true;
    });

    /// <summary>Registers <see cref="ArraySynapse"/> (<c>crossbar</c>) once; later calls do nothing.</summary>
    public static void Register() => _ = s_registered.Value;
}
