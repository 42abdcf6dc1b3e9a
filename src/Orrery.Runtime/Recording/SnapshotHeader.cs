using Orrery.Core.Spaces;
using Orrery.Runtime.Sessions;

namespace Orrery.Runtime.Recording;

/// <summary>The JSON part of a snapshot file (version 2): who made the state, from where, and every action since.</summary>
public sealed record SnapshotHeader(
    int Version,
    string Simulator,
    string IdentityHash,
    int World,
    int Seed,
    string? StartImage,
    int Fps,
    long FrameIndex,
    IReadOnlyList<ActionVector> TickActions,
    IReadOnlyList<ActionEvent> ActionEvents,
    string CodeVersion,
    DateTimeOffset Created)
{
    /// <summary>The header version this code writes and reads (1 held integer actions).</summary>
    public const int CurrentVersion = 2;
}
