using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Runtime.Sessions;

namespace Orrery.Runtime.Recording;

/// <summary>Where a session's frames came from: simulator identity, start, every action with its frame and time, code version.</summary>
public sealed record Provenance(
    string SessionId,
    string Model,
    string ModelHash,
    int World,
    int Seed,
    string? StartImageSha256,
    int Fps,
    long FrameIndex,
    long SkippedTicks,
    IReadOnlyList<ActionEvent> Actions,
    IReadOnlyList<ActionVector> TickActions,
    string CodeVersion,
    DateTimeOffset Created)
{
    /// <summary>Reads a live session's provenance (safe from any thread).</summary>
    public static Provenance Of(Session s) =>
        new(s.Id, s.Simulator.Name, s.Simulator.IdentityHash, s.Start.World, s.Start.Seed,
            s.Start.StartImage is { } img ? Checksums.Sha256(img) : null, s.Fps, s.FrameIndex, s.SkippedTicks,
            s.ActionEvents(), s.TickActions(), Core.Versioning.CodeVersion.GitCommit, s.Created);
}
