using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Model;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Training.Stages;

namespace Orrery.Training;

/// <summary>
/// Everything a resumed run needs to continue exactly: weights, every stage's own state, the step counter and the
/// step plan. All sampling and noise are pure functions of (seed, step), so the step is the data position and RNG state.
/// </summary>
public sealed record TrainState
{
    /// <summary>Version 2: nullable stage counts (no -1 sentinels) and optimiser steps per stage.</summary>
    public const int CurrentVersion = 2;

    public const string StateName = "state.json";
    public const string WeightsName = "network.safetensors";

    public int Version { get; init; } = CurrentVersion;

    public long Step { get; init; }

    /// <summary>Stage 1 length in steps; null while a time budget is still being calibrated.</summary>
    public long? TokenizerSteps { get; init; }

    /// <summary>Stage 2 length in steps; null while a time budget is still being calibrated.</summary>
    public long? DynamicsSteps { get; init; }

    /// <summary>Updates each stage's optimiser has taken, by stage number (the decoder's and critic's step together).</summary>
    public IReadOnlyDictionary<int, long> OptimizerSteps { get; init; } = new Dictionary<int, long>();

    public double ElapsedSeconds { get; init; }

    public double? BudgetSeconds { get; init; }

    public ModelConfig Config { get; init; } = new();

    public IReadOnlyList<string> DatasetFingerprints { get; init; } = [];

    public IReadOnlyDictionary<string, double> Validation { get; init; } = new Dictionary<string, double>();

    /// <summary>sha256 of the checkpoint weights the run started from (fine-tuning), or null.</summary>
    public string? InitializedFromSha256 { get; init; }

    public void Save(string dir, WorldModelNetwork network, IEnumerable<ITrainingStage> stages) =>
        AtomicFile.WriteDirectory(dir, tmp =>
        {
            SafetensorsFile.Write(Path.Combine(tmp, WeightsName), network.state_dict().Select(kv => (kv.Key, kv.Value)));
            foreach (var stage in stages) stage.Save(tmp);
            AtomicFile.WriteAllText(Path.Combine(tmp, StateName), JsonSerializer.Serialize(this, ConfigOverrides.Json));
        });

    public static TrainState Read(string dir)
    {
        var path = Path.Combine(dir, StateName);
        if (!File.Exists(path)) throw new OrreryException($"{path}: no train state to resume from (run without --resume first)");
        TrainState state;
        try
        {
            state = JsonSerializer.Deserialize<TrainState>(File.ReadAllText(path), ConfigOverrides.Json) ?? throw new OrreryException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new OrreryException($"{path}: not a valid train state: {e.Message.Split('\n')[0]}");
        }
        if (state.Version != CurrentVersion)
            throw new OrreryException($"{path}: train state version {state.Version}, this orrery resumes version {CurrentVersion}; finish the run with the orrery that started it, or start a new run with --from its checkpoint");
        return state;
    }

    /// <summary>Loads the weights and every stage's state saved next to state.json.</summary>
    public void Restore(string dir, WorldModelNetwork network, IEnumerable<ITrainingStage> stages)
    {
        SafetensorsFile.Load(Path.Combine(dir, WeightsName), network.state_dict().Select(kv => (kv.Key, kv.Value)));
        foreach (var stage in stages) stage.Restore(dir, OptimizerSteps.GetValueOrDefault(stage.Number));
    }
}
