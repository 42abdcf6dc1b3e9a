namespace Orrery.Core.Streams;

/// <summary>The stream names with an agreed meaning across worlds.</summary>
public static class StreamNames
{
    /// <summary>Proprioception and object poses.</summary>
    public const string State = "state";

    /// <summary>The reward received on arriving at the frame (one float; 0 on an episode's first frame).</summary>
    public const string Reward = "reward";

    /// <summary>Where the agent stands and faces (what a world model's memory is keyed by).</summary>
    public const string Pose = "pose";

    /// <summary>1 when the task is solved at this frame, else 0.</summary>
    public const string Success = "success";
}
