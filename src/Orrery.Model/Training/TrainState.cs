using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;

namespace Orrery.Model.Training;

/// <summary>
/// Everything a resumed run needs to continue exactly: weights, both optimisers' moments, the step counter and the
/// stage plan. All sampling and noise are pure functions of (seed, step), so the step is the data position and RNG state.
/// </summary>
public sealed record TrainState
{
    public const string StateName = "state.json";
    public const string WeightsName = "network.safetensors";
    public const string TokenizerOptimizerName = "tokenizer-optimizer.safetensors";
    public const string DynamicsOptimizerName = "dynamics-optimizer.safetensors";

    public long Step { get; init; }

    /// <summary>Stage 1 length in steps; -1 while a time budget is still being calibrated.</summary>
    public long TokenizerSteps { get; init; }

    /// <summary>Stage 2 length in steps; -1 while a time budget is still being calibrated.</summary>
    public long DynamicsSteps { get; init; }

    public long TokenizerOptimizerSteps { get; init; }

    public long DynamicsOptimizerSteps { get; init; }

    /// <summary>Stage 3 updates so far (the decoder's and the critic's optimisers step together).</summary>
    public long DecoderOptimizerSteps { get; init; }

    public double ElapsedSeconds { get; init; }

    public double? BudgetSeconds { get; init; }

    public ModelConfig Config { get; init; } = new();

    public IReadOnlyList<string> DatasetFingerprints { get; init; } = [];

    public IReadOnlyDictionary<string, double> Validation { get; init; } = new Dictionary<string, double>();

    /// <summary>sha256 of the checkpoint weights the run started from (fine-tuning), or null.</summary>
    public string? InitializedFromSha256 { get; init; }

    public void Save(string dir, WorldModelNetwork network, AdamW tokenizerOptimizer, AdamW dynamicsOptimizer, DecoderStage? decoderStage) =>
        AtomicFile.WriteDirectory(dir, tmp =>
        {
            SafetensorsFile.Write(Path.Combine(tmp, WeightsName), network.state_dict().Select(kv => (kv.Key, kv.Value)));
            tokenizerOptimizer.Save(Path.Combine(tmp, TokenizerOptimizerName));
            dynamicsOptimizer.Save(Path.Combine(tmp, DynamicsOptimizerName));
            decoderStage?.Save(tmp);
            AtomicFile.WriteAllText(Path.Combine(tmp, StateName), JsonSerializer.Serialize(this, ConfigOverrides.Json));
        });

    public static TrainState Read(string dir)
    {
        var path = Path.Combine(dir, StateName);
        if (!File.Exists(path)) throw new OrreryException($"{path}: no train state to resume from (run without --resume first)");
        try
        {
            return JsonSerializer.Deserialize<TrainState>(File.ReadAllText(path), ConfigOverrides.Json) ?? throw new OrreryException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new OrreryException($"{path}: not a valid train state: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>Loads weights and optimiser moments saved next to state.json.</summary>
    public void Restore(string dir, WorldModelNetwork network, AdamW tokenizerOptimizer, AdamW dynamicsOptimizer, DecoderStage? decoderStage)
    {
        SafetensorsFile.Load(Path.Combine(dir, WeightsName), network.state_dict().Select(kv => (kv.Key, kv.Value)));
        tokenizerOptimizer.Load(Path.Combine(dir, TokenizerOptimizerName), TokenizerOptimizerSteps);
        dynamicsOptimizer.Load(Path.Combine(dir, DynamicsOptimizerName), DynamicsOptimizerSteps);
        decoderStage?.Restore(dir, DecoderOptimizerSteps);
    }
}
