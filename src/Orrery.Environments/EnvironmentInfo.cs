using Orrery.Core.Spaces;

namespace Orrery.Environments;

/// <summary>
/// What `orrery envs` lists about a registered environment: its world at the default resolution, and the others; how a
/// pointer on its frames drives its box action (null: it has none, e.g. the maze's keys); and its task's success rule
/// read off one frame of its `state` stream (null: it has no task).
/// </summary>
public sealed record EnvironmentInfo(string Name, string Description, WorldSpec Spec, IReadOnlyList<int> Resolutions, PointerControl? Pointer,
                                     Func<IReadOnlyList<float>, bool>? SolvedByState)
{
    /// <summary>Default square frame side.</summary>
    public int NativeResolution => Spec.Observation.Height;
}
