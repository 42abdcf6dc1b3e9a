using Orrery.Core.Spaces;

namespace Orrery.Environments;

/// <summary>What `orrery envs` lists about a registered environment: its world at the default resolution, and the others.</summary>
public sealed record EnvironmentInfo(string Name, string Description, WorldSpec Spec, IReadOnlyList<int> Resolutions)
{
    /// <summary>Default square frame side.</summary>
    public int NativeResolution => Spec.Observation.Height;
}
