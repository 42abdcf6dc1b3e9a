using System.CommandLine;
using Orrery.Cli.Plots;
using Orrery.Cli.Terminal;
using Orrery.Core.Errors;
using Orrery.Model;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Training;
using Orrery.Training.Stages;
using Spectre.Console;

namespace Orrery.Cli.Commands;

/// <summary>
/// `orrery train`: trains a world model from datasets in two stages (tokenizer, then dynamics on cached latents) and
/// writes RUN_DIR/checkpoint/, RUN_DIR/train-state/ (for --resume), RUN_DIR/metrics.jsonl and RUN_DIR/loss.png.
/// A --minutes budget goes TokenizerTimeShare (default 35%) to the tokenizer and the rest to the dynamics.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data") { Description = "Dataset folder (repeat for several; same frame shape and actions).", Required = true, AllowMultipleArgumentsPerToken = false };
        var preset = new Option<string>("--preset") { Description = $"Starting config: {string.Join(", ", Presets.Names)}.", DefaultValueFactory = _ => "maze-small" };
        var output = new Option<string>("--out") { Description = "Run folder (checkpoint/, train-state/, metrics.jsonl, loss.png).", Required = true };
        var minutes = new Option<double?>("--minutes") { Description = "Wall-clock budget for both stages (35% tokenizer / 65% dynamics by default; train.tokenizerTimeShare)." };
        var steps = new Option<long?>("--steps") { Description = "Total steps of both stages, split like --minutes; default: train.tokenizerSteps + train.dynamicsSteps." };
        var stopAt = new Option<long?>("--stop-at-step") { Description = "Stop after this step, saving a checkpoint and the state as Ctrl-C does (continue with --resume); for chunked runs." };
        var resume = new Option<bool>("--resume") { Description = "Continue exactly from RUN_DIR/train-state (the saved config wins). On a finished run, --minutes M trains the dynamics M minutes longer." };
        var device = new Option<string>("--device") { Description = "cpu (training runs on the CPU in v1).", DefaultValueFactory = _ => "cpu" };
        var from = new Option<string?>("--from") { Description = "Fine-tune: start from this checkpoint's weights and config (instead of --preset); --set train.tokenizerTimeShare=0 keeps its tokenizer." };
        var fresh = new Option<string[]>("--fresh") { Description = "With --from: start the tensors whose names begin with this (e.g. head.) from fresh weights; repeat for more. For a replaced or resized module." };
        var configFile = new Option<string?>("--config") { Description = "JSON file shaped like the config, e.g. {\"dynamics\": {\"depth\": 4}}." };
        var sets = new Option<string[]>("--set") { Description = "Override one field, e.g. --set dynamics.depth=4 --set train.dynamicsBatch=8." };
        var val = new Option<string?>("--val") { Description = "Validation dataset folder (default: hold out train.validationEpisodes episodes)." };
        var threads = new Option<int>("--threads") { Description = "torch threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };
        var command = new Command("train", "Train a world model (tokenizer + dynamics) from recorded episodes.")
        {
            data, preset, from, fresh, output, minutes, steps, stopAt, resume, device, configFile, sets, val, threads, json,
        };
        command.SetAction(parse =>
        {
            if (ConfigOverrides.ParseChoice<ComputeDevice>(parse.GetValue(device)!, "--device") != ComputeDevice.Cpu)
                throw new OrreryException($"--device {parse.GetValue(device)}: training runs on the CPU in this version; use --device cpu");
            var init = parse.GetValue(from);
            if (init is not null && parse.GetValue(resume)) throw new OrreryException("--from starts a new run from a checkpoint, --resume continues one; use one of them");
            var freshPrefixes = parse.GetValue(fresh) ?? [];
            if (freshPrefixes.Length > 0 && init is null) throw new OrreryException($"--fresh {freshPrefixes[0]}: only a fine-tune (--from) starts tensors fresh");
            var parentConfig = init is null ? null : Checkpoint.ReadManifest(init).Config;
            var config = parentConfig ?? Presets.Get(parse.GetValue(preset)!);
            if (parse.GetValue(configFile) is { } file) config = ConfigOverrides.ApplyFile(config, file);
            config = ConfigOverrides.ApplySets(config, parse.GetValue(sets) ?? []);
            if (parse.GetValue(minutes) is <= 0) throw new OrreryException($"--minutes {parse.GetValue(minutes)}: expected a positive number");
            if (parse.GetValue(steps) is <= 1) throw new OrreryException($"--steps {parse.GetValue(steps)}: expected at least 2");
            if (parse.GetValue(stopAt) is <= 0) throw new OrreryException($"--stop-at-step {parse.GetValue(stopAt)}: expected a step of 1 or more");

            var corpus = TrainingCorpus.FromDatasets(parse.GetValue(data)!);
            var (train, validation) = parse.GetValue(val) is { } valDir
                ? (corpus, TrainingCorpus.FromDatasets([valDir]))
                : corpus.HoldOut(config.Train.ValidationEpisodes);
            if (validation is null) Output.Info("note: too few episodes to hold any out; validating on training episodes");
            WorldModelNetwork.Validate(config, train.Spec);   // a bad --set is one line before any note or run folder
            if (!parse.GetValue(resume)) DynamicsWindow.Require(config, train);   // a resumed run checks the config it saved
            if (parentConfig is not null && Trainer.SwapsHead(parentConfig, config))
                Output.Info($"note: {init} has a {ConfigOverrides.Spelling(parentConfig.Dynamics.Head)} head; the {ConfigOverrides.Spelling(config.Dynamics.Head)} head starts from fresh weights, the tokenizer and trunk from the checkpoint");
            if (parentConfig is not null && Trainer.ChangesLatent(parentConfig, config))
                Output.Info($"note: {init} has {parentConfig.Tokenizer.LatentChannels} latent channels, this run {config.Tokenizer.LatentChannels}; the layers that touch the latent start from fresh weights, every other layer from the checkpoint");
            if (SamplesItsTrainingRollouts(config))
                Output.Info($"note: training rollouts (train.rolloutFraction {config.Train.RolloutFraction}) sample at dynamics.sampleTemperature {config.Dynamics.SampleTemperature}, as inference does; --set dynamics.sampleTemperature=0 rolls them out greedily");
            var runDir = parse.GetValue(output)!;

            using var stop = new StopSignals();
            var budget = parse.GetValue(minutes) is { } m ? TimeSpan.FromMinutes(m) : (TimeSpan?)null;
            var totalSteps = parse.GetValue(steps) ?? (budget is null ? config.Train.TokenizerSteps + config.Train.DynamicsSteps : 0);
            Output.Info($"training on {train.Episodes.Count} episodes ({train.FrameCount} frames, {train.Spec}), validating on {(validation ?? train).Episodes.Count}; run folder {runDir}");
            var result = ProgressDisplay.Run("train", budget?.TotalSeconds ?? totalSteps, budget is null ? "steps" : "s", tracker =>
            {
                var started = DateTime.UtcNow;
                using var trainer = new Trainer(config, train, validation, runDir, new TrainOptions
                {
                    Budget = budget,
                    TotalSteps = parse.GetValue(steps),
                    Resume = parse.GetValue(resume),
                    InitFrom = init,
                    Fresh = freshPrefixes,
                    StopAfterStep = parse.GetValue(stopAt),
                    Threads = parse.GetValue(threads),
                    Cancel = stop.Token,
                    Progress = p =>
                    {
                        tracker.Status = $"stage {p.Stage} {StageName(p.Stage)} | step {p.Step}/{p.TotalSteps} | loss {p.Loss:0.00000} | {p.StepsPerSecond:0.0} steps/s"
                                         + (p.ValidationPsnr is { } v ? $" | val PSNR {v:0.0} dB" : "");
                        if (budget is null) (tracker.Total, tracker.Baseline) = (p.TotalSteps, p.FirstStep);   // --resume continues the saved plan
                        tracker.Set(budget is null ? p.Step : (DateTime.UtcNow - started).TotalSeconds);
                    },
                    Encoding = e =>
                    {
                        var eta = TimeSpan.FromSeconds((e.TotalFrames - e.Frames) / Math.Max(e.FramesPerSecond, 1e-9));
                        tracker.Status = $"encoding latents | frame {e.Frames}/{e.TotalFrames} | {e.FramesPerSecond:0} frames/s | ETA {eta:hh\\:mm\\:ss}";
                        tracker.Set(budget is null ? tracker.Done : (DateTime.UtcNow - started).TotalSeconds);
                    },
                });
                return trainer.Run();
            });
            LossCurve.Write(Path.Combine(runDir, Trainer.MetricsFile), Path.Combine(runDir, "loss.png"));
            Report(result, parse.GetValue(json));
            if (!result.Completed) Output.Info($"stopped at step {result.Steps}; continue with the same command plus --resume");
            return result.Completed ? ExitCodes.Ok : ExitCodes.Interrupted;
        });
        return command;
    }

    /// <summary>
    /// Whether the dynamics stage's own rollouts draw codes rather than take the likeliest: a fine-tune from a shipped
    /// model inherits the temperature its manifest samples at, which its own training did not roll out with.
    /// </summary>
    private static bool SamplesItsTrainingRollouts(ModelConfig config) =>
        config.Train.RolloutFraction > 0 && config.Dynamics.Head == DynamicsHead.Categorical && config.Dynamics.SampleTemperature > 0;

    private static string StageName(int stage) => stage switch { 1 => "tokenizer", 2 => "dynamics", _ => "decoder" };

    private static void Report(TrainResult result, bool json)
    {
        var m = result.Manifest;
        if (json)
        {
            Output.WriteJson(new
            {
                checkpoint = result.CheckpointDir, completed = result.Completed, steps = result.Steps, m.TokenizerSteps, m.DynamicsSteps,
                m.WallTimeSeconds, m.Head, validation = m.Validation, m.WeightsSha256,
            });
            return;
        }
        var table = new Table().RoundedBorder().AddColumns("", "value");
        table.AddRow("checkpoint", Markup.Escape(result.CheckpointDir));
        table.AddRow("completed", result.Completed ? "yes" : "[yellow]no (interrupted)[/]");
        table.AddRow("steps", $"{m.TokenizerSteps} tokenizer + {m.DynamicsSteps} dynamics");
        table.AddRow("wall time", $"{m.WallTimeSeconds:0} s");
        table.AddRow("head", ConfigOverrides.Spelling(m.Head));
        foreach (var (key, value) in m.Validation) table.AddRow(Markup.Escape(key), $"{value:0.00} dB");
        table.AddRow("weights sha256", m.WeightsSha256);
        Output.Stdout.Write(table);
    }
}
