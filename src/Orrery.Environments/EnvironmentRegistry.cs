using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Environments.Maze;

namespace Orrery.Environments;

/// <summary>The ground-truth environments by name: `--env maze --world 3` becomes Create("maze", 3).</summary>
public static class EnvironmentRegistry
{
    private static readonly (EnvironmentInfo Info, Func<int, int, IEnvironment> Create)[] Entries =
    [
        (new EnvironmentInfo(
            MazeEnvironment.EnvironmentName,
            "First-person raycast maze (Wolfenstein style): textured walls by region, coloured landmark pillars; world = layout seed.",
            MazeActions.Names,
            MazeRenderer.NativeResolution,
            MazeRenderer.SupportedResolutions,
            MazeEnvironment.FramesPerSecond),
         (world, resolution) => new MazeEnvironment(world, resolution)),
    ];

    /// <summary>Every registered environment, in a stable order.</summary>
    public static IReadOnlyList<EnvironmentInfo> All { get; } = Entries.Select(e => e.Info).ToArray();

    /// <summary>Creates environment <paramref name="name"/> for layout <paramref name="world"/> at a square resolution.</summary>
    public static IEnvironment Create(string name, int world, int resolution = 64)
    {
        var info = Info(name);
        return Entries.First(e => e.Info == info).Create(world, resolution);
    }

    /// <summary>The description of one environment; unknown names are a user error listing the known ones.</summary>
    public static EnvironmentInfo Info(string name) =>
        All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new OrreryException($"unknown environment '{name}'; expected one of: {string.Join(", ", All.Select(i => i.Name))}");
}
