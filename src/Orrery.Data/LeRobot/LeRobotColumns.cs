using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Data.Format;

namespace Orrery.Data.LeRobot;

/// <summary>
/// Where an Orrery stream goes in a LeRobot table. Next is true for next.reward and next.success, which LeRobot
/// aligns with the action taken at the row's frame, so row t holds the value observed on arriving at frame t + 1
/// (lerobot's PushT conversion: next.reward = cat(reward[1:], reward[-1:])). AsBool stores 0/1 as a bool column.
/// </summary>
public sealed record StreamColumn(string Column, string Stream, int Width, bool Next, bool AsBool)
{
    public LeRobotFeature Feature(IReadOnlyList<string> fields) =>
        AsBool ? LeRobotFeature.Scalar(LeRobotFeature.Bool) : LeRobotFeature.Vector(fields);
}

/// <summary>How one Orrery dataset's action space and streams map onto LeRobot columns.</summary>
public static class LeRobotColumns
{
    /// <summary>state -> observation.state, reward -> next.reward, success -> next.success (bool), any other stream -> observation.NAME.</summary>
    public static IReadOnlyList<StreamColumn> For(IReadOnlyList<StreamSpec> streams) =>
        streams.Select(s => s.Name switch
        {
            StreamNames.State => new StreamColumn(LeRobotLayout.State, s.Name, s.Size, Next: false, AsBool: false),
            StreamNames.Reward when s.Size == 1 => new StreamColumn(LeRobotLayout.NextReward, s.Name, 1, Next: true, AsBool: false),
            StreamNames.Success when s.Size == 1 => new StreamColumn(LeRobotLayout.NextSuccess, s.Name, 1, Next: true, AsBool: true),
            _ => new StreamColumn(LeRobotLayout.ObservationPrefix + s.Name, s.Name, s.Size, Next: false, AsBool: false),
        }).ToArray();

    /// <summary>
    /// The action column: a box is float32 with one named element per dimension; a discrete space is the int64 index
    /// (shape [1], a plain column), the way LeRobot stores its own integer features.
    /// </summary>
    public static LeRobotFeature? ActionFeature(ActionSpace? space) => space switch
    {
        null => null,
        BoxActionSpace box => LeRobotFeature.Vector(box.Names),
        _ => LeRobotFeature.Scalar(LeRobotFeature.Int64),
    };

    /// <summary>
    /// Row t's action in LeRobot's convention (the action taken at frame t): Orrery's actions[t + 1]. The last row has no
    /// next action and holds the episode's final one, as lerobot's PushT conversion holds its final reward; a
    /// one-frame episode gets the space's no-op.
    /// </summary>
    public static ActionVector RowAction(Episode episode, int t, ActionSpace space)
    {
        var source = Math.Min(t + 1, episode.Length - 1);
        return source == 0 ? space.Noop : episode.Actions[source];
    }
}
