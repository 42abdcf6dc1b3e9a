using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Environments.Maze;
using Orrery.Environments.Push;
using Orrery.Environments.Reach;

namespace Orrery.Environments;

/// <summary>The ground-truth environments by name: `--env maze --world 3` becomes Create("maze", 3).</summary>
public static class EnvironmentRegistry
{
    // Spec describes an environment at a resolution without creating it, so listing reach needs no MuJoCo.
    private sealed record Entry(string Description, IReadOnlyList<int> Resolutions, int NativeResolution, Func<int, WorldSpec> Spec, Func<int, int, IEnvironment> Create,
                                PointerControl? Pointer = null, Func<IReadOnlyList<float>, bool>? SolvedByState = null);

    private static readonly Entry[] Entries =
    [
        new("First-person raycast maze (Wolfenstein style): textured walls by region, coloured landmark pillars; world = layout seed.",
            MazeRenderer.SupportedResolutions, MazeRenderer.NativeResolution, resolution => new MazeEnvironment(0, resolution).Spec,
            (world, resolution) => new MazeEnvironment(world, resolution)),
        new("Planar two-link arm on MuJoCo 2.2.2 seen from above: two joint torques in [-1, 1] bring the fingertip to a target drawn per episode; world is ignored.",
            ReachRenderer.SupportedResolutions, ReachRenderer.NativeResolution, ReachEnvironment.SpecFor,
            (_, resolution) => new ReachEnvironment(resolution), PointerControl.Forces, ReachEnvironment.SolvedByState),
        new("PushT on MuJoCo 2.2.2 seen from above: a round pusher, its target position in [-1, 1]^2, pushes a T-shaped block onto a fixed goal pose; world is ignored.",
            PushRenderer.SupportedResolutions, PushRenderer.NativeResolution, PushEnvironment.SpecFor,
            (_, resolution) => new PushEnvironment(resolution), PushEnvironment.Pointer, PushEnvironment.SolvedByState),
    ];

    /// <summary>Every registered environment, in a stable order.</summary>
    public static IReadOnlyList<EnvironmentInfo> All { get; } =
        Entries.Select(e => { var spec = e.Spec(e.NativeResolution); return new EnvironmentInfo(spec.Environment, e.Description, spec, e.Resolutions, e.Pointer, e.SolvedByState); }).ToArray();

    /// <summary>Creates environment <paramref name="name"/> for world <paramref name="world"/> at a square resolution (its default when null).</summary>
    public static IEnvironment Create(string name, int world, int? resolution = null)
    {
        var entry = Entries[Position(name)];
        return entry.Create(world, resolution ?? entry.NativeResolution);
    }

    /// <summary>
    /// The world environment <paramref name="name"/> records at a square resolution (its default when null), without
    /// creating it; a resolution it cannot render is a user error listing the ones it can.
    /// </summary>
    public static WorldSpec Spec(string name, int? resolution = null)
    {
        var position = Position(name);
        var entry = Entries[position];
        var side = resolution ?? entry.NativeResolution;
        return entry.Resolutions.Contains(side)
            ? entry.Spec(side)
            : throw new OrreryException($"{All[position].Name} resolution {side} is not supported; expected one of: {string.Join(", ", entry.Resolutions)}");
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
