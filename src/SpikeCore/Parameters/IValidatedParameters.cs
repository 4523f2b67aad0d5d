namespace SpikeCore.Parameters;

/// <summary>
/// A record of parameters with rules beyond each parameter's own check (lists that must rise, one value that must
/// differ from a sum of others): checked after the declared checks, each message naming <c>path</c>.
/// </summary>
public interface IValidatedParameters
{
    /// <summary>Adds every broken rule to <paramref name="errors"/>.</summary>
    void ValidateRules(ICollection<string> errors, string path);
}
