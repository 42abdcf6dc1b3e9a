using Orrery.Runtime.Sessions;

namespace Orrery.Runtime.Recording;

/// <summary>The JSON part of a snapshot file: who made the state, from where, and every action since.</summary>
public sealed record SnapshotHeader(
    int Version,
    string Backend,
    string IdentityHash,
    int World,
    int Seed,
    string? StartImage,
    int Fps,
    long FrameIndex,
    IReadOnlyList<int> TickActions,
    IReadOnlyList<ActionEvent> ActionEvents,
    string CodeVersion,
    DateTimeOffset Created);
