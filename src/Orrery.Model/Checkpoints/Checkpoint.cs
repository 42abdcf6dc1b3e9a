using System.Text.Json;
using System.Text.Json.Nodes;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Model.Configs;
using Orrery.Model.Dynamics;

namespace Orrery.Model.Checkpoints;

/// <summary>
/// A checkpoint folder: model.safetensors (weights) + manifest.json. Written atomically; loading verifies the
/// manifest, the sha256 of the weights and every tensor's name, shape and dtype.
/// </summary>
public static class Checkpoint
{
    public const string WeightsName = "model.safetensors";
    public const string ManifestName = "manifest.json";

    /// <summary>Writes the network's weights and the manifest (its WeightsSha256 filled in) as one folder, atomically.</summary>
    public static CheckpointManifest Save(string dir, WorldModelNetwork network, CheckpointManifest manifest)
    {
        CheckpointManifest written = manifest;
        AtomicFile.WriteDirectory(dir, tmp =>
        {
            var weights = Path.Combine(tmp, WeightsName);
            SafetensorsFile.Write(weights, network.state_dict().Select(kv => (kv.Key, kv.Value)));
            written = manifest with { WeightsSha256 = Checksums.Sha256File(weights), Head = manifest.Config.Dynamics.Head };
            AtomicFile.WriteAllText(Path.Combine(tmp, ManifestName), JsonSerializer.Serialize(written, ConfigOverrides.Json));
        });
        return written;
    }

    /// <summary>Reads and checks manifest.json (parses, known model version, sane config).</summary>
    public static CheckpointManifest ReadManifest(string dir)
    {
        var path = Path.Combine(dir, ManifestName);
        if (!Directory.Exists(dir)) throw new OrreryException($"{dir}: checkpoint folder not found");
        if (!File.Exists(path)) throw new OrreryException($"{path}: missing; a checkpoint folder holds {WeightsName} and {ManifestName}");
        CheckpointManifest? manifest;
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path));
            manifest = node is null ? null : ManifestUpgrade.Upgrade(node).Deserialize<CheckpointManifest>(ConfigOverrides.Json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new OrreryException($"{path}: not a valid manifest: {e.Message.Split('\n')[0]}");
        }
        if (manifest is null) throw new OrreryException($"{path}: empty manifest");
        if (manifest.ModelVersion != CheckpointManifest.CurrentModelVersion)
            throw new OrreryException($"{path}: modelVersion '{manifest.ModelVersion}', expected '{CheckpointManifest.CurrentModelVersion}' or '{CheckpointManifest.Version1}'");
        WorldModelNetwork.Validate(manifest.Config, manifest.Observation);
        return manifest;
    }

    /// <summary>Builds the network described by the manifest and loads the verified weights into it.</summary>
    public static (CheckpointManifest Manifest, WorldModelNetwork Network) Load(string dir)
    {
        var manifest = ReadManifest(dir);
        var network = new WorldModelNetwork(manifest.Config, manifest.World);
        try
        {
            LoadWeights(dir, manifest, network);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return (manifest, network);
    }

    /// <summary>
    /// Verifies the folder's weights against its (already read) manifest and loads them into `network`, whose tensors
    /// must match the file's by name, shape and dtype; used for loading and for fine-tuning into a new config.
    /// Tensors `fresh` names (for example the head's, when fine-tuning into another head) are left out on both sides:
    /// the network keeps its own. Stream-head calibration a checkpoint predates is left at its identity (centre 0,
    /// scale 1), which is the head that checkpoint was trained as. Returns the names of the network's tensors the file
    /// does not hold, so a fine-tune knows what it must still fit (the calibration, for one).
    /// </summary>
    public static IReadOnlySet<string> LoadWeights(string dir, CheckpointManifest manifest, WorldModelNetwork network, Func<string, bool>? fresh = null)
    {
        var weights = Path.Combine(dir, WeightsName);
        if (!File.Exists(weights)) throw new OrreryException($"{weights}: missing");
        var absent = Absent(ReadHeader(weights), network);   // structure first (so truncation is named as such), then the hash, then names and shapes
        var sha = Checksums.Sha256File(weights);
        if (!string.Equals(sha, manifest.WeightsSha256, StringComparison.OrdinalIgnoreCase))
            throw new OrreryException($"{WeightsName}: sha256 {sha} does not match the manifest's {manifest.WeightsSha256} (corrupt or replaced weights)");
        bool Fresh(string name) => fresh?.Invoke(name) == true || absent.Contains(name) && StreamHead.IsCalibration(name);
        SafetensorsFile.Load(weights, network.state_dict().Where(kv => !Fresh(kv.Key)).Select(kv => (kv.Key, kv.Value)), Fresh);
        return absent;
    }

    /// <summary>Names of the network's tensors that the folder's weights hold in another shape (a resized layer).</summary>
    public static IReadOnlySet<string> Reshaped(string dir, WorldModelNetwork network)
    {
        var entries = ReadHeader(Path.Combine(dir, WeightsName)).Entries;
        return network.state_dict()
            .Where(kv => entries.TryGetValue(kv.Key, out var e) && !e.Shape.SequenceEqual(kv.Value.shape))
            .Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> Absent(SafetensorsHeader header, WorldModelNetwork network) =>
        network.state_dict().Keys.Where(name => !header.Entries.ContainsKey(name)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The weights file's header, checked against the file's length (so a truncated file is named as such).</summary>
    private static SafetensorsHeader ReadHeader(string weights)
    {
        using var stream = File.OpenRead(weights);
        var head = new byte[Math.Min(stream.Length, 8 + (1 << 24))];
        stream.ReadExactly(head);
        return SafetensorsHeader.Parse(head, weights, stream.Length);
    }
}
