using System.Text.Json.Nodes;

namespace Orrery.Model.Checkpoints;

/// <summary>
/// Reads a version 1 checkpoint manifest (frames and action names, no world) as version 2, in memory: the world
/// gets the frames and a discrete action space whose no-op is action 0 (as version 1 defined it), no environment and
/// no streams, and the config predicts no streams. The weights are untouched. A version 1 model names no environment,
/// so a session of it starts from an image, or its manifest gains a "world" (see docs/model.md).
/// </summary>
public static class ManifestUpgrade
{
    /// <summary>Rewrites a version 1 manifest node into the version 2 shape; version 2 is returned as it is.</summary>
    public static JsonNode Upgrade(JsonNode node)
    {
        if (node["modelVersion"]?.GetValue<string>() != CheckpointManifest.Version1) return node;
        var names = node["actionNames"]?.DeepClone() as JsonArray ?? [];
        var observation = node["observation"]?.DeepClone() ?? new JsonObject();
        observation.AsObject().Remove("frameBytes");
        node["world"] = new JsonObject
        {
            ["environment"] = "",
            ["fps"] = 24,
            ["observation"] = observation,
            ["actions"] = new JsonObject
            {
                ["kind"] = "discrete",
                ["names"] = names,
                ["noopName"] = names.Count > 0 ? names[0]!.GetValue<string>() : "noop",
            },
        };
        if (node["config"]?["dynamics"] is JsonObject dynamics && dynamics["streamHeads"] is null) dynamics["streamHeads"] = new JsonArray();
        node.AsObject().Remove("observation");
        node.AsObject().Remove("actionNames");
        node["modelVersion"] = CheckpointManifest.CurrentModelVersion;
        return node;
    }
}
