using System.Text.Json;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using static TorchSharp.torch;

namespace Orrery.Model.Policies;

/// <summary>
/// A policy learned from data (`orrery train-policy`), acting on the observation's state stream. Deterministic: the
/// same state gives the same action, whatever the seed.
/// </summary>
public sealed class LearnedPolicy : IPolicy, IDisposable
{
    public const string ManifestName = "policy.json";
    public const string WeightsName = "policy.safetensors";

    private readonly PolicyNetwork network;

    private LearnedPolicy(string name, PolicyManifest manifest, PolicyNetwork network)
    {
        Name = name;
        Manifest = manifest;
        this.network = network;
    }

    public string Name { get; }

    public PolicyManifest Manifest { get; }

    /// <summary>Loads a policy folder (policy.json + policy.safetensors), checking the weights against the manifest.</summary>
    public static LearnedPolicy Load(string dir, string name)
    {
        var manifestPath = Path.Combine(dir, ManifestName);
        if (!File.Exists(manifestPath)) throw new OrreryException($"{manifestPath}: no learned policy here (train one with `orrery train-policy`)");
        PolicyManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PolicyManifest>(File.ReadAllText(manifestPath), ConfigOverrides.Json)
                       ?? throw new OrreryException($"{manifestPath}: empty");
        }
        catch (JsonException e)
        {
            throw new OrreryException($"{manifestPath}: not a policy manifest: {e.Message.Split('.')[0]}");
        }
        var weights = Path.Combine(dir, WeightsName);
        if (!File.Exists(weights)) throw new OrreryException($"{weights}: missing");
        if (Checksums.Sha256File(weights) is var sha && !string.Equals(sha, manifest.WeightsSha256, StringComparison.OrdinalIgnoreCase))
            throw new OrreryException($"{weights}: sha256 {sha} does not match the manifest's {manifest.WeightsSha256}");
        if (manifest.Actions is not BoxActionSpace) throw new OrreryException($"{manifestPath}: actions: a learned policy acts in a box");
        var network = new PolicyNetwork(manifest.StateFields.Count, manifest.Actions.Dimensions, manifest.Hidden);
        SafetensorsFile.Load(weights, network.state_dict().Select(kv => (kv.Key, kv.Value)));
        network.eval();
        return new LearnedPolicy(name, manifest, network);
    }

    /// <summary>Refuses an environment whose state stream or actions differ from the ones the policy learned on.</summary>
    public LearnedPolicy For(IEnvironment env)
    {
        var stream = env.Spec.Stream(Manifest.StateStream);
        if (env.Name != Manifest.Environment || stream is null || !stream.Fields.SequenceEqual(Manifest.StateFields) || !Equals(env.Spec.Actions, Manifest.Actions))
            throw new OrreryException($"policy '{Name}' learned on '{Manifest.Environment}' ({Manifest.StateStream}: {string.Join(", ", Manifest.StateFields)}); environment '{env.Name}' does not match");
        return this;
    }

    public void Reset(int seed)
    {
    }

    public ActionVector Act(Observation observation, int step)
    {
        var state = observation.Streams.TryGetValue(Manifest.StateStream, out var values)
            ? values
            : throw new OrreryException($"policy '{Name}': the observation has no '{Manifest.StateStream}' stream");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var action = network.forward(tensor(state).unsqueeze(0)).squeeze(0).data<float>().ToArray();   // (S) -> (A)
        return ActionVector.Continuous(action);
    }

    public void Dispose() => network.Dispose();
}
