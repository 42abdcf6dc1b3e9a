using System.CommandLine;
using Orrery.Cli.Terminal;
using Orrery.Core.IO;
using Orrery.Environments;
using Orrery.Evaluation.Planning;
using Orrery.Evaluation.Reports;
using Orrery.Model;
using Orrery.Model.Configs;
using Spectre.Console;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orrery.Cli.Commands;

/// <summary>
/// `orrery plan`: model-predictive control with the cross-entropy method inside the model, every chosen action executed
/// in the true simulator, beside the same planner scoring its candidates in the truth (the upper bound). Writes --json OUT.
/// </summary>
public static class PlanCommand
{
    /// <summary>Which planners run: both (default), only the model's, or only the truth's.</summary>
    public enum Planners { Both, Model, Truth }

    // every field written, null included, so a reader finds successRatio even when the truth never succeeded
    private static readonly JsonSerializerOptions Json = new(EvalJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static Command Create()
    {
        var defaults = new PlanOptions();
        var model = new Option<string>("--model") { Description = "Checkpoint folder (predicts the reward and success streams).", Required = true };
        var env = new Option<string?>("--env") { Description = "Environment (reach or push; default: the one the checkpoint was trained on)." };
        var episodes = new Option<int>("--episodes") { Description = "Episodes per planner.", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Episode e resets with seed + e; the planner samples from it too.", DefaultValueFactory = _ => 0 };
        var steps = new Option<int?>("--steps") { Description = "Frames an episode may take (default per task: reach 60, push 300)." };
        var planners = new Option<string>("--planners") { Description = "both, model or truth.", DefaultValueFactory = _ => "both" };
        var candidates = new Option<int>("--candidates") { Description = "Action sequences per CEM iteration.", DefaultValueFactory = _ => defaults.Candidates };
        var elites = new Option<int>("--elites") { Description = "Best sequences each refit keeps.", DefaultValueFactory = _ => defaults.Elites };
        var iterations = new Option<int>("--iterations") { Description = "CEM refits per decision.", DefaultValueFactory = _ => defaults.Iterations };
        var horizon = new Option<int>("--horizon") { Description = "Steps per sequence.", DefaultValueFactory = _ => defaults.Horizon };
        var repeat = new Option<int>("--repeat") { Description = "Frames each action is held.", DefaultValueFactory = _ => defaults.ActionRepeat };
        var precision = new Option<string>("--precision") { Description = "fp32 or bf16.", DefaultValueFactory = _ => "fp32" };
        var json = new Option<string?>("--json") { Description = "Write the report as JSON to this file." };
        var command = new Command("plan", "Plan actions inside the model (CEM, receding horizon), execute them in the truth, and compare with planning in the truth.")
        {
            model, env, episodes, seed, steps, planners, candidates, elites, iterations, horizon, repeat, precision, json,
        };
        command.SetAction(parse =>
        {
            var modelDir = parse.GetValue(model)!;
            var which = ConfigOverrides.ParseChoice<Planners>(parse.GetValue(planners)!, "--planners");
            var count = OptionValues.Positive(parse.GetValue(episodes), "--episodes");
            var options = new PlanOptions
            {
                Candidates = parse.GetValue(candidates),
                Elites = parse.GetValue(elites),
                Iterations = parse.GetValue(iterations),
                Horizon = parse.GetValue(horizon),
                ActionRepeat = parse.GetValue(repeat),
            }.Validated();
            using var wm = WorldModel.Load(modelDir, new WorldModelOptions
            {
                Precision = ConfigOverrides.ParseChoice<NumericPrecision>(parse.GetValue(precision)!, "--precision"),
                DecodeFrames = false,   // candidates are scored by the reward stream alone
            });
            var task = PlanTask.ForModel(wm, parse.GetValue(env), modelDir);
            task = task with { Steps = OptionValues.Positive(parse.GetValue(steps) ?? task.Steps, "--steps") };
            using var truth = new EnvironmentSimulator(task.Environment, wm.Spec.Height);
            var s = parse.GetValue(seed);
            PlannerReport? Plan(Orrery.Core.Simulation.ISimulator planner, bool wanted, string title) => !wanted ? null
                : ProgressDisplay.Run(title, (double)count * task.Steps, "frames", p =>
                    PlanEvaluation.Run(planner, truth, task, options, count, s, wm.ContextFrames, frames => p.Advance(frames)));
            var modelPlanner = Plan(wm, which != Planners.Truth, "plan in the model");
            var truthPlanner = Plan(truth, which != Planners.Model, "plan in the truth");
            double? ratio = modelPlanner is not null && truthPlanner is { SuccessRate: > 0 } ? modelPlanner.SuccessRate / truthPlanner.SuccessRate : null;
            var report = new PlanReport
            {
                Command = OptionValues.CommandLine(),
                Model = ModelInfo.Of(modelDir, wm),
                Environment = task.Environment,
                Episodes = count,
                Seed = s,
                Steps = task.Steps,
                ContextFrames = wm.ContextFrames,
                Planner = options,
                Cores = Environment.ProcessorCount,
                ModelPlanner = modelPlanner,
                TruthPlanner = truthPlanner,
                SuccessRatio = ratio,
                Targets = PlanTargets.Of(task, modelPlanner, ratio),
            };
            if (parse.GetValue(json) is { } jsonPath) AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(report, Json) + "\n");
            Render(report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(PlanReport report)
    {
        var table = new Table().RoundedBorder().AddColumns("planner", "success", "episodes", "s/action mean", "p50", "p95");
        foreach (var (label, side) in new[] { ("model", report.ModelPlanner), ("truth", report.TruthPlanner) })
            if (side is not null)
                table.AddRow(label, $"{side.SuccessRate:0.00}", $"{side.Successes}/{side.Episodes}",
                             $"{side.SecondsPerAction.Mean:0.000}", $"{side.SecondsPerAction.P50:0.000}", $"{side.SecondsPerAction.P95:0.000}");
        table.Caption($"{Markup.Escape(report.Environment)}; model/truth success {(report.SuccessRatio is { } r ? r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "n/a")}; " +
                      $"CEM {report.Planner.Candidates}x{report.Planner.Iterations}, elites {report.Planner.Elites}, horizon {report.Planner.Horizon}x{report.Planner.ActionRepeat} frames");
        Output.Stdout.Write(table);
    }
}
