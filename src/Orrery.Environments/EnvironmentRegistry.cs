using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Environments.Maze;

namespace Orrery.Environments;

/// <summary>The ground-truth environments by name: `--env maze --world 3` becomes Create("maze", 3).</summary>
public static class EnvironmentRegistry
{
    private sealed record Entry(string Description, IReadOnlyList<int> Resolutions, int NativeResolution, Func<int, int, IEnvironment> Create);

    private static readonly Entry[] Entries =
    [
        new("First-person raycast maze (Wolfenstein style): textured walls by region, coloured landmark pillars; world = layout seed.",
            MazeRenderer.SupportedResolutions, MazeRenderer.NativeResolution, (world, resolution) => new MazeEnvironment(world, resolution)),
    ];

    /// <summary>Every registered environment, in a stable order.</summary>
    public static IReadOnlyList<EnvironmentInfo> All { get; } =
        Entries.Select(e => { var env = e.Create(0, e.NativeResolution); return new EnvironmentInfo(env.Name, e.Description, env.Spec, e.Resolutions); }).ToArray();

    /// <summary>Creates environment <paramref name="name"/> for world <paramref name="world"/> at a square resolution (its default when null).</summary>
    public static IEnvironment Create(string name, int world, int? resolution = null)
    {
        var entry = Entries[Position(name)];
        return entry.Create(world, resolution ?? entry.NativeResolution);
    }

    /// <summary>The description of one environment; unknown names are a user error listing the known ones.</summary>
    public static EnvironmentInfo Info(string name) => All[Position(name)];

    private static int Position(string name)
    {
        for (var i = 0; i < All.Count; i++)
            if (string.Equals(All[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new OrreryException($"unknown environment '{name}'; expected one of: {string.Join(", ", All.Select(i => i.Name))}");
    }
}
