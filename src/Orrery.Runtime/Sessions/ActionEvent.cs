namespace Orrery.Runtime.Sessions;

/// <summary>A change of the latched action, for provenance: it applies from frame FrameIndex + 1 on.</summary>
public sealed record ActionEvent(long FrameIndex, int Action, string Name, DateTimeOffset Time);
