using Orrery.Core.Spaces;

namespace Orrery.Runtime.Sessions;

/// <summary>A change of the latched action, for provenance: it applies from frame FrameIndex + 1 on. Name is the discrete action's name, else "".</summary>
public sealed record ActionEvent(long FrameIndex, ActionVector Action, string Name, DateTimeOffset Time);
