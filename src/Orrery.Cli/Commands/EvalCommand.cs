using System.CommandLine;
using System.Globalization;
using Orrery.Cli.Reports;
using Orrery.Cli.Terminal;
using Orrery.Core.Errors;
using Orrery.Data.Format;
using Orrery.Evaluation.Baselines;
using Orrery.Evaluation.InverseDynamics;
using Orrery.Evaluation.Plausibility;
using Orrery.Evaluation.Protocols;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;
using Orrery.Model;
using Orrery.Model.Configs;
using Spectre.Console;

namespace Orrery.Cli.Commands;

/// <summary>
/// `orrery eval`: the environment protocol (--env: fidelity by horizon, baselines, teacher forcing, IDM, plausibility
/// judge, geometry and memory loops, stability) or the action-free video protocol (--data). Writes --json OUT (docs/schemas/eval.schema.json) and
/// --report OUT.html (one self-contained page).
/// </summary>
public static class EvalCommand
{
    /// <summary>Frames of each stability rollout by default: long enough to see a collapse, short enough for a ten-minute eval.</summary>
    public const int DefaultStabilityFrames = 1_000;

    /// <summary>The stability rollouts' length with --long.</summary>
    public const int LongFrames = 10_000;

    /// <summary>Sequences the video protocol takes from a dataset at most.</summary>
    public const int MaxVideoSequences = 256;

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Checkpoint folder.", Required = true };
        var env = new Option<string>("--env") { Description = "Environment name (environment protocol).", DefaultValueFactory = _ => "maze" };
        var data = new Option<string?>("--data") { Description = "Dataset folder: run the action-free video-prediction protocol instead." };
        var worlds = new Option<string>("--worlds") { Description = "Seen worlds, e.g. 0-3 or 0,2,5.", DefaultValueFactory = _ => "0-3" };
        var unseen = new Option<string>("--unseen-worlds") { Description = "Worlds the model never saw, e.g. 10-11.", DefaultValueFactory = _ => "" };
        var episodes = new Option<int>("--episodes") { Description = "Episodes per world.", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "Seed of episodes, policies and sampling.", DefaultValueFactory = _ => 0 };
        var horizons = new Option<string>("--horizons") { Description = "Open-loop horizons in frames.", DefaultValueFactory = _ => "1,4,16,64,256" };
        var horizon = new Option<int>("--horizon") { Description = "Predicted frames per sequence (video protocol).", DefaultValueFactory = _ => 10 };
        var context = new Option<int?>("--context") { Description = "Real context frames (default 4; 10 for --data)." };
        var policy = new Option<string>("--policy") { Description = "Policy of the fidelity episodes.", DefaultValueFactory = _ => "explorer" };
        var stability = new Option<int?>("--stability-frames") { Description = $"Frames of each stability rollout (0 skips; default {DefaultStabilityFrames}, {LongFrames} with --long)." };
        var judgeFrames = new Option<string>("--judge-frames") { Description = "Rollout frames the plausibility judge is scored at (empty skips).", DefaultValueFactory = _ => string.Join(',', PlausibilityProtocol.DefaultPoints) };
        var judgeRollouts = new Option<int>("--judge-rollouts") { Description = "Model rollouts per policy for the plausibility judge.", DefaultValueFactory = _ => new EnvironmentEvalOptions().PlausibilityRollouts };
        var judgeSteps = new Option<int>("--judge-steps") { Description = "Training steps of each plausibility judge (fewer: faster, weaker).", DefaultValueFactory = _ => new JudgeOptions().Steps };
        var longRun = new Option<bool>("--long") { Description = $"Also judge frames {string.Join(" and ", PlausibilityProtocol.LongPoints)} and run {LongFrames}-frame stability rollouts (hours on 2 cores)." };
        var loops = new Option<string>("--loop-seconds") { Description = "Memory loop durations in seconds (empty skips the loops).", DefaultValueFactory = _ => string.Join(',', LoopClosureProtocol.DefaultDurations) };
        var idmPairs = new Option<int>("--idm-pairs") { Description = "Real pairs to train the IDM on (0 skips the IDM).", DefaultValueFactory = _ => new IdmOptions().Pairs };
        var precision = new Option<string>("--precision") { Description = "fp32 or bf16.", DefaultValueFactory = _ => "fp32" };
        var json = new Option<string?>("--json") { Description = "Write the report as JSON to this file (docs/schemas/eval.schema.json)." };
        var report = new Option<string?>("--report") { Description = "Write a self-contained HTML report to this file." };
        var command = new Command("eval", "Evaluate a model against the environment (or a dataset): fidelity, baselines, controllability, memory, stability.")
        {
            model, env, data, worlds, unseen, episodes, seed, horizons, horizon, context, policy, stability, judgeFrames, judgeRollouts, judgeSteps, longRun, loops, idmPairs,
            precision, json, report,
        };
        command.SetAction(parse =>
        {
            var modelDir = parse.GetValue(model)!;
            var commandLine = OptionValues.CommandLine();
            using var wm = WorldModel.Load(modelDir, new WorldModelOptions { Precision = ConfigOverrides.ParseChoice<NumericPrecision>(parse.GetValue(precision)!, "--precision") });
            var info = ModelInfo.Of(modelDir, wm);
            EvalReport result;
            IReadOnlyList<Rollout> rollouts;
            EvalHtmlReport.Pictures? pictures = null;
            if (parse.GetValue(data) is { } dataDir)
                (result, rollouts) = Video(wm, info, commandLine, dataDir, parse.GetValue(context) ?? 10, parse.GetValue(horizon), parse.GetValue(seed));
            else
            {
                var options = new EnvironmentEvalOptions
                {
                    Env = parse.GetValue(env)!,
                    Resolution = wm.Spec.Height,
                    Worlds = WorldList.Parse(parse.GetValue(worlds)!, "--worlds"),
                    UnseenWorlds = WorldList.Parse(parse.GetValue(unseen)!, "--unseen-worlds"),
                    Episodes = OptionValues.Positive(parse.GetValue(episodes), "--episodes"),
                    Seed = parse.GetValue(seed),
                    Horizons = WorldList.Parse(parse.GetValue(horizons)!, "--horizons").Select(h => OptionValues.Positive(h, "--horizons")).Distinct().Order().ToArray(),
                    Context = OptionValues.Positive(parse.GetValue(context) ?? 4, "--context"),
                    Policy = parse.GetValue(policy)!,
                    StabilityFrames = Math.Max(0, parse.GetValue(stability) ?? (parse.GetValue(longRun) ? LongFrames : DefaultStabilityFrames)),
                    PlausibilityPoints = JudgeFrames(parse.GetValue(judgeFrames)!, parse.GetValue(longRun), parse.GetValue(context) ?? 4),
                    PlausibilityRollouts = JudgeRollouts(parse.GetValue(judgeRollouts)),
                    Judge = new JudgeOptions { Steps = OptionValues.Positive(parse.GetValue(judgeSteps), "--judge-steps") },
                    LoopDurations = ParseSeconds(parse.GetValue(loops)!),
                    Idm = parse.GetValue(idmPairs) > 0 ? new IdmOptions { Pairs = parse.GetValue(idmPairs) } : null,
                };
                if (options.Worlds.Count == 0) throw new OrreryException("--worlds: expected at least one world, e.g. 0-3");
                ModelEnvironmentMatch.Check(wm.World, Environments.EnvironmentRegistry.Spec(options.Env, options.Resolution), modelDir);
                var run = StagedProgress.Run(p => EnvironmentEvaluation.Run(wm, wm.ContextFrames, wm.Reconstruct, info, commandLine, options, p));
                (result, rollouts) = (run.Report, run.ModelRollouts);
                pictures = new EvalHtmlReport.Pictures(wm.Spec, run.JudgeSamples, run.Loops);
            }
            if (parse.GetValue(json) is { } jsonPath) EvalJson.Write(jsonPath, result);
            if (parse.GetValue(report) is { } htmlPath) EvalHtmlReport.Write(htmlPath, result, rollouts, pictures);
            EvalSummary.Render(result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static (EvalReport, IReadOnlyList<Rollout>) Video(WorldModel model, ModelInfo info, string commandLine, string dataDir,
                                                              int context, int horizon, int seed)
    {
        using var dataset = Dataset.Open(dataDir);
        if (dataset.Spec != model.Spec)
            throw new OrreryException($"{dataDir}: frames are {dataset.Spec} but the model sees {model.Spec}");
        var sequences = VideoSequences.Cut(dataset, OptionValues.Positive(context, "--context"), OptionValues.Positive(horizon, "--horizon"), MaxVideoSequences);
        if (sequences.Count == 0)
            throw new OrreryException($"{dataDir}: no episode has {context + horizon} frames (--context {context} + --horizon {horizon})");
        using var copyLast = new CopyLastFrame(model.World);
        using var meanFrame = new MeanFrame(model.World);
        var video = StagedProgress.Run(p => VideoPredictionProtocol.Run(sequences, [model, copyLast, meanFrame], horizon, seed, p));
        var report = new EvalReport
        {
            Protocol = "video",
            Command = commandLine,
            Model = info,
            Settings = new EvalSettings { Data = Path.GetFullPath(dataDir), Episodes = sequences.Count, Seed = seed, Horizons = [horizon], Context = context },
            VideoPrediction = video,
        };
        return (report, []);
    }

    private static IReadOnlyList<int> JudgeFrames(string text, bool longRun, int context)
    {
        var frames = WorldList.Parse(text, "--judge-frames").Select(f => f >= context
            ? f : throw new OrreryException($"--judge-frames: frame {f} lies inside the {context} real context frames; the judge scores generated frames")).ToList();
        if (longRun && frames.Count > 0) frames.AddRange(PlausibilityProtocol.LongPoints);
        return frames.Distinct().Order().ToArray();
    }

    private static int JudgeRollouts(int n) =>
        n >= 2 ? n : throw new OrreryException($"--judge-rollouts: expected at least 2 (the judge trains on some rollouts and is scored on others), found {n}");

    private static IReadOnlyList<double> ParseSeconds(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v : throw new OrreryException($"--loop-seconds: '{s}' is not a positive number of seconds"))
            .ToArray();
}
