namespace Orrery.Environments;

/// <summary>What `orrery envs` lists about a registered environment.</summary>
public sealed record EnvironmentInfo(
    string Name,
    string Description,
    IReadOnlyList<string> Actions,
    int NativeResolution,
    IReadOnlyList<int> Resolutions,
    int Fps);
