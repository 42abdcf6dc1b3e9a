using Orrery.Core.Errors;

namespace Orrery.Runtime.Sessions;

/// <summary>A request that the session's clock cannot take: a step on a real-time session, a latched action on a lockstep one.</summary>
public sealed class ClockConflictException(string message) : OrreryException(message);
