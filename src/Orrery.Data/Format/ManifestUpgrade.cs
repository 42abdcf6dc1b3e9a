using System.Text.Json.Nodes;
using Orrery.Core.Streams;

namespace Orrery.Data.Format;

/// <summary>
/// Reads a version 1 manifest as version 2, in memory: the action space {kind, names} gains its no-op (index 0 was
/// the no-op in version 1) or becomes null for "none", and the rewards file becomes the `reward` stream. The episode
/// files stay where they are, so the fingerprint and every checkpoint that names it stay valid.
/// </summary>
public static class ManifestUpgrade
{
    /// <summary>The reward stream every version 1 dataset carries.</summary>
    public static StreamSpec V1Reward { get; } = new(StreamNames.Reward, [StreamNames.Reward], "", "the reward received on arriving at the frame (version 1 rewards.npy)");

    /// <summary>Rewrites a version 1 manifest node into the version 2 shape; other versions are returned as they are.</summary>
    public static JsonNode Upgrade(JsonNode node)
    {
        if (node["formatVersion"]?.GetValue<int>() != 1) return node;
        var actions = node["actionSpace"];
        if (actions?["kind"]?.GetValue<string>() == "discrete")
        {
            var names = actions["names"]!.AsArray();
            actions["noopName"] = names.Count > 0 ? names[0]!.GetValue<string>() : "noop";
        }
        else node.AsObject().Remove("actionSpace");
        node["streams"] = new JsonArray(new JsonObject
        {
            ["name"] = V1Reward.Name,
            ["fields"] = new JsonArray(V1Reward.Name),
            ["unit"] = V1Reward.Unit,
            ["meaning"] = V1Reward.Meaning,
        });
        return node;
    }
}
