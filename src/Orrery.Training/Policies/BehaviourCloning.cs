using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Core.Versioning;
using Orrery.Data.Format;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Model.Policies;
using Orrery.Training.Optimisation;
using static TorchSharp.torch;

namespace Orrery.Training.Policies;

/// <summary>Settings of a behaviour-cloning run; every default is what `orrery train-policy` uses.</summary>
public sealed record BehaviourCloningOptions
{
    /// <summary>The stream the policy reads. Default "state".</summary>
    public string StateStream { get; init; } = "state";

    /// <summary>Hidden width of the two-layer MLP. Default 256.</summary>
    public int Hidden { get; init; } = 256;

    /// <summary>Optimiser steps. Default 3,000.</summary>
    public long Steps { get; init; } = 3000;

    /// <summary>(state, action) pairs per step. Default 256.</summary>
    public int Batch { get; init; } = 256;

    /// <summary>Peak learning rate of a cosine schedule. Default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Episodes held out to report the held-out loss (the last ones). Default 2.</summary>
    public int HeldOutEpisodes { get; init; } = 2;

    public int Seed { get; init; } = 1;
}

/// <summary>
/// Behaviour cloning: an MLP learns the action a demonstrator took from the state stream it observed (pairs: row t of
/// the stream and the action that produced frame t + 1), by mean squared error. Writes a policy folder atomically.
/// </summary>
public static class BehaviourCloning
{
    public static PolicyManifest Train(TrainingCorpus corpus, BehaviourCloningOptions options, string outDir, Action<long, double>? progress = null)
    {
        var box = corpus.World.Actions as BoxActionSpace
                  ?? throw new OrreryException($"train-policy: the data's actions are {(corpus.World.Actions is null ? "none" : "discrete")}; behaviour cloning here learns box actions");
        var stream = corpus.World.Stream(options.StateStream)
                     ?? throw new OrreryException($"train-policy: the data has no '{options.StateStream}' stream; it has: {string.Join(", ", corpus.World.Streams.Select(s => s.Name))}");
        if (corpus.Episodes.Count <= options.HeldOutEpisodes)
            throw new OrreryException($"train-policy: {corpus.Episodes.Count} episodes; need more than the {options.HeldOutEpisodes} held out");
        var trainEpisodes = corpus.Episodes.Take(corpus.Episodes.Count - options.HeldOutEpisodes).ToArray();
        var heldEpisodes = corpus.Episodes.Skip(trainEpisodes.Length).ToArray();
        var (states, actions) = Pairs(trainEpisodes, stream);                                  // (P, S), (P, A)
        var (heldStates, heldActions) = Pairs(heldEpisodes, stream);
        manual_seed(options.Seed);
        using var network = new PolicyNetwork(stream.Size, box.Dimensions, options.Hidden);
        network.Calibrate(states.mean([0]), states.std([0]), [.. box.Low], [.. box.High]);
        using var optimizer = new AdamW(network.named_parameters().Select(p => (p.name, p.parameter)).ToArray(), weightDecay: 0);
        var generator = new Generator((ulong)options.Seed);
        var trainLoss = 0.0;
        for (long step = 0; step < options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            var rows = randint(states.shape[0], [options.Batch], generator: generator);          // (B)
            var loss = nn.functional.mse_loss(network.forward(states.index_select(0, rows)), actions.index_select(0, rows));
            optimizer.ZeroGrad();
            loss.backward();
            optimizer.Step(LearningRateSchedule.At(step, options.Steps, options.LearningRate, warmup: 50, minFraction: 0.05));
            trainLoss = loss.item<float>();
            progress?.Invoke(step + 1, trainLoss);
        }
        double heldLoss;
        using (no_grad())
        using (NewDisposeScope())
            heldLoss = nn.functional.mse_loss(network.forward(heldStates), heldActions).item<float>();
        var manifest = new PolicyManifest
        {
            Method = "behaviour-cloning",
            Environment = corpus.World.Environment,
            StateStream = stream.Name,
            StateFields = stream.Fields,
            Actions = box,
            Hidden = options.Hidden,
            Steps = options.Steps,
            Batch = options.Batch,
            LearningRate = options.LearningRate,
            Seed = options.Seed,
            TrainLoss = trainLoss,
            HeldOutLoss = heldLoss,
            DatasetFingerprints = corpus.Fingerprints,
            CodeVersion = CodeVersion.GitCommit,
        };
        return Write(outDir, network, manifest);
    }

    /// <summary>(state row t, action t + 1) of every step of every episode whose action is known: (P, S), (P, A).</summary>
    private static (Tensor States, Tensor Actions) Pairs(IReadOnlyList<Episode> episodes, Core.Streams.StreamSpec stream)
    {
        var states = new List<float>();
        var actions = new List<float>();
        foreach (var e in episodes)
        {
            var rows = e.Stream(stream.Name);
            for (var t = 0; t + 1 < e.Length; t++)
            {
                if (e.Actions[t + 1].IsUnknown) continue;
                states.AddRange(rows.AsSpan(t * stream.Size, stream.Size).ToArray());
                actions.AddRange(e.Actions[t + 1].Values);
            }
        }
        var count = states.Count / stream.Size;
        if (count == 0) throw new OrreryException("train-policy: no step with a recorded action");
        return (tensor(states.ToArray()).view(count, stream.Size), tensor(actions.ToArray()).view(count, -1));
    }

    /// <summary>Writes policy.safetensors and policy.json into a temporary folder that then replaces outDir.</summary>
    private static PolicyManifest Write(string outDir, PolicyNetwork network, PolicyManifest manifest)
    {
        AtomicFile.WriteDirectory(outDir, temp =>
        {
            var weights = Path.Combine(temp, LearnedPolicy.WeightsName);
            SafetensorsFile.Write(weights, network.state_dict().Select(kv => (kv.Key, kv.Value)));
            manifest = manifest with { WeightsSha256 = Checksums.Sha256File(weights) };
            File.WriteAllText(Path.Combine(temp, LearnedPolicy.ManifestName), JsonSerializer.Serialize(manifest, ConfigOverrides.Json));
        });
        return manifest;
    }
}
