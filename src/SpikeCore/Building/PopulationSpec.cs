namespace SpikeCore.Building;

/// <summary>A named group of neurons (or spike sources) of one model.</summary>
/// <param name="Name">Unique name.</param>
/// <param name="Size">Number of neurons.</param>
/// <param name="Model">The model and its parameters.</param>
public sealed record PopulationSpec(string Name, int Size, NeuronModel Model)
{
    /// <summary>Initial values by state variable (variables not listed start at the model's rest state).</summary>
    public IReadOnlyDictionary<string, Distribution> Initial { get; init; } = new Dictionary<string, Distribution>();

    /// <summary>
    /// Parameters drawn per neuron (as NEST allows), by JSON name: each neuron's value replaces the model's. Only
    /// parameters the model declares <see cref="Parameters.ParameterAttribute.PerNeuron"/> may vary.
    /// </summary>
    public IReadOnlyDictionary<string, Distribution> PerNeuron { get; init; } = new Dictionary<string, Distribution>();

    /// <summary>Positions in space, three coordinates per neuron (x, y, z), for distance-dependent rules.</summary>
    public IReadOnlyList<double>? Positions { get; init; }

    /// <summary>Returns a copy that initialises <paramref name="variable"/> from <paramref name="values"/>.</summary>
    public PopulationSpec WithInitial(string variable, Distribution values) =>
        this with { Initial = new Dictionary<string, Distribution>(Initial) { [variable] = values } };

    /// <summary>Returns a copy that draws parameter <paramref name="parameter"/> (its JSON name) per neuron from <paramref name="values"/>.</summary>
    public PopulationSpec WithPerNeuron(string parameter, Distribution values) =>
        this with { PerNeuron = new Dictionary<string, Distribution>(PerNeuron) { [parameter] = values } };

    /// <summary>Returns a copy placed on an nx × ny × nz grid with unit spacing (x fastest), shifted by the origin.</summary>
    public PopulationSpec OnGrid(int nx, int ny, int nz, double originX = 0, double originY = 0, double originZ = 0)
    {
        var p = new double[3 * (long)nx * ny * nz];
        int i = 0;
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                for (int x = 0; x < nx; x++)
                {
                    p[i++] = originX + x;
                    p[i++] = originY + y;
                    p[i++] = originZ + z;
                }
            }
        }

        return this with { Positions = p };
    }

    /// <summary>Returns a copy with explicit positions (x, y, z per neuron).</summary>
    public PopulationSpec WithPositions(IEnumerable<double> xyz) => this with { Positions = xyz.ToArray() };
}
