using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orrery.Cli.Reports;
using Orrery.Cli.Terminal;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Environments;
using Orrery.Environments.Policies;
using Orrery.Evaluation.Planning;
using Orrery.Evaluation.Policies;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;
using Orrery.Model;
using Orrery.Model.Configs;
using Spectre.Console;

namespace Orrery.Cli.Commands;

/// <summary>
/// `orrery policy-eval`: every policy of a task plays the same episodes closed-loop in the truth and inside the model;
/// their success rates side by side, the rank correlations across policies, the time each took, and a GIF per policy
/// (truth | model, first episode).
/// </summary>
public static class PolicyEvalCommand
{
    /// <summary>Registered policies that are not the task's own (they need a grid or a script).</summary>
    private static readonly string[] NotTaskPolicies = ["explorer", "scripted"];

    // a correlation that does not exist (one side constant) is written as null, not left out
    private static readonly JsonSerializerOptions Json = new(EvalJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Checkpoint folder (predicts the state, reward and success streams).", Required = true };
        var env = new Option<string?>("--env") { Description = "Environment (reach or push; default: the one the checkpoint was trained on)." };
        var policies = new Option<string?>("--policies") { Description = $"Comma-separated policies (default: every policy of the task, and bc when policies/ENV-bc exists): {PolicyChoice.Description}." };
        var episodes = new Option<int>("--episodes") { Description = "Episodes per policy, the same start states in both.", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Episode e resets the environment and the policy with seed + e.", DefaultValueFactory = _ => 0 };
        var steps = new Option<int?>("--steps") { Description = "Frames an episode may take (default per task: reach 60, push 300)." };
        var precision = new Option<string>("--precision") { Description = "fp32 or bf16.", DefaultValueFactory = _ => "fp32" };
        var success = new Option<string>("--success")
        {
            Description = "What judges a frame solved, in the truth and inside the model alike: state (the task's rule on the state stream) or stream (the success stream).",
            DefaultValueFactory = _ => "state",
        };
        var json = new Option<string?>("--json") { Description = "Write the report as JSON to this file." };
        var report = new Option<string?>("--report") { Description = "Write an HTML report to this file (GIFs beside it)." };
        var command = new Command("policy-eval", "Evaluate policies inside the model and in the truth from the same start states, and compare their success rates.")
        {
            model, env, policies, episodes, seed, steps, precision, success, json, report,
        };
        command.SetAction(parse =>
        {
            var modelDir = parse.GetValue(model)!;
            var count = OptionValues.Positive(parse.GetValue(episodes), "--episodes");
            using var wm = WorldModel.Load(modelDir, new WorldModelOptions { Precision = ConfigOverrides.ParseChoice<NumericPrecision>(parse.GetValue(precision)!, "--precision") });
            var task = PlanTask.ForModel(wm, parse.GetValue(env), modelDir);
            var frames = OptionValues.Positive(parse.GetValue(steps) ?? task.Steps, "--steps");
            var source = ConfigOverrides.ParseChoice<SuccessSource>(parse.GetValue(success)!, "--success");
            var solved = SuccessJudge.For(source, task.Environment);
            var environment = EnvironmentRegistry.Create(task.Environment, 0, wm.Spec.Height);
            using var owned = environment as IDisposable;
            var chosen = Choose(parse.GetValue(policies), environment);
            using var truth = new EnvironmentSimulator(task.Environment, wm.Spec.Height);
            var s = parse.GetValue(seed);
            var context = new EnvironmentContext();
            var starts = Enumerable.Range(0, count)
                                   .Select(e => (s + e, context.Context(task.Environment, truth.World.Parameters, 0, s + e, wm.ContextFrames)))
                                   .ToArray();
            var runs = ProgressDisplay.Run("policy-eval", 2.0 * chosen.Count * frames, "frames", p =>
            {
                var done = 0;
                var last = 0;
                return PolicyEvaluation.Run(wm, truth, chosen, starts, frames, solved, (_, t) =>
                {
                    if (t < last) done += frames;
                    last = t;
                    p.Set(done + t);
                });
            });
            var scores = runs.Select(r => r.Score).ToArray();
            var summary = PolicyEvaluation.Summarise(scores);
            var gifs = parse.GetValue(report) is { } reportPath ? PolicyEvalReport.WriteGifs(reportPath, runs, wm.Spec, environment.Spec.Fps) : [];
            var result = new
            {
                format = "orrery.policy-eval/1",
                command = OptionValues.CommandLine(),
                model = ModelInfo.Of(modelDir, wm),
                environment = task.Environment,
                episodes = count,
                seed = s,
                steps = frames,
                contextFrames = wm.ContextFrames,
                success = ConfigOverrides.Spelling(source),
                successThreshold = SuccessJudge.SuccessThreshold,
                cores = Environment.ProcessorCount,
                policies = scores,
                summary,
                targets = new { spearman = PolicyEvaluation.TargetSpearman, largestGap = PolicyEvaluation.TargetGap },
            };
            if (parse.GetValue(json) is { } jsonPath) AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(result, Json) + "\n");
            if (parse.GetValue(report) is { } htmlPath) AtomicFile.WriteAllText(htmlPath, PolicyEvalReport.Html(task.Environment, modelDir, scores, summary, gifs));
            Render(task.Environment, scores, summary);
            return ExitCodes.Ok;
        });
        return command;
    }

    // --policies, or every registered policy of the task and the shipped learned one; each name is checked now, so a
    // wrong one is refused before anything runs
    private static IReadOnlyList<(string Name, Func<Orrery.Core.Policies.IPolicy> Create)> Choose(string? list, IEnvironment environment)
    {
        var names = list is { } given
            ? given.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : PolicyRegistry.All.Select(p => p.Name).Where(n => !NotTaskPolicies.Contains(n)).Where(n => PolicyRegistry.Fits(n, environment))
                            .Concat(Directory.Exists(Path.Combine("policies", $"{environment.Name}-bc")) ? [PolicyChoice.LearnedPrefix] : [])
                            .ToArray();
        if (names.Length == 0) throw new OrreryException("--policies: no policy named");
        foreach (var name in names) PolicyChoice.Create(name, environment);
        return names.Select(n => (n, (Func<Orrery.Core.Policies.IPolicy>)(() => PolicyChoice.Create(n, environment)))).ToArray();
    }

    private static void Render(string env, IReadOnlyList<PolicyScore> scores, PolicyEvalSummary summary)
    {
        var table = new Table().RoundedBorder().AddColumns("policy", "truth", "model", "truth s", "model s");
        foreach (var p in scores)
            table.AddRow(Markup.Escape(p.Name), $"{p.TruthSuccess:0.00}", $"{p.ModelSuccess:0.00}", $"{p.TruthSeconds:0.0}", $"{p.ModelSeconds:0.0}");
        table.Caption($"{Markup.Escape(env)}: Spearman {(summary.Spearman is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "n/a")}, " +
                      $"Pearson {(summary.Pearson is { } q ? q.ToString("0.00", CultureInfo.InvariantCulture) : "n/a")}, largest gap {summary.LargestGap:0.00}");
        Output.Stdout.Write(table);
    }
}
