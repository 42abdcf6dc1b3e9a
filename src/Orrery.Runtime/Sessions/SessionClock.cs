namespace Orrery.Runtime.Sessions;

/// <summary>What advances a session.</summary>
public enum SessionClock
{
    /// <summary>Its own frame clock (the world's fps) under the latest action a client latched: people playing.</summary>
    RealTime,

    /// <summary>One frame per action a client sends, whenever it sends it: a robot policy, an evaluation, a planner.</summary>
    Lockstep,
}
