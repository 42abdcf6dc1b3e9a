namespace Orrery.Data.Collect;

/// <summary>
/// What to collect: Episodes episodes of Steps frames each (frame 0 is the reset observation), episode i
/// seeded with Seed + i for both the environment and the policy, written to the dataset folder Out.
/// PolicyName and World are recorded in the manifest (the environment instance already embodies the world).
/// </summary>
public sealed record CollectOptions(int Episodes, int Steps, int Seed, string Out, string PolicyName, int World)
{
    /// <summary>Extra arguments recorded for resume checks, e.g. the script file of a scripted policy.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}
