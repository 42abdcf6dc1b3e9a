using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Data.Format;

namespace Orrery.Data.LeRobot;

/// <summary>
/// meta/orrery.json: what an export came from, in Orrery's own terms, so an import restores what LeRobot's schema
/// has no place for: the environment and world, the action space with its bounds, names and no-op, each stream's
/// fields, unit and meaning, the collect arguments, and each episode's seed and policy. LeRobot ignores the file.
/// </summary>
public sealed record LeRobotProvenance(
    DatasetEnvironment Env,
    ActionSpace? ActionSpace,
    IReadOnlyList<StreamSpec> Streams,
    IReadOnlyDictionary<string, string> Collect,
    string Fingerprint,
    IReadOnlyList<ProvenanceEpisode> Episodes)
{
    public static LeRobotProvenance Of(DatasetManifest m) =>
        new(m.Env, m.ActionSpace, m.Streams, m.Collect, m.Fingerprint, m.Episodes.Select(e => new ProvenanceEpisode(e.Index, e.Seed, e.Policy)).ToArray());
}

/// <summary>One exported episode's seed and policy.</summary>
public sealed record ProvenanceEpisode(int Index, int Seed, string Policy);
