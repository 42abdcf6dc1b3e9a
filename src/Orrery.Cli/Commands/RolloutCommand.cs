using System.CommandLine;
using Orrery.Cli.Terminal;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Data.Npy;
using Orrery.Data.Preview;
using Orrery.Environments;
using Orrery.Evaluation.Metrics;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;
using Orrery.Model;
using Orrery.Model.Configs;
using Spectre.Console;

namespace Orrery.Cli.Commands;

/// <summary>
/// `orrery rollout`: the environment and the model side by side under the same actions, after C real context frames.
/// Writes a .gif/.mp4 (truth left, model right) or .npy (model frames; truth beside it as .truth.npy).
/// </summary>
public static class RolloutCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Checkpoint folder.", Required = true };
        var env = new Option<string?>("--env") { Description = "Environment name (default: the one the checkpoint was trained on)." };
        var world = new Option<int>("--world") { Description = "World (layout) id.", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Episode seed (start pose, policy and model sampling).", DefaultValueFactory = _ => 0 };
        var policy = new Option<string>("--policy") { Description = "random, explorer (grid worlds), expert (reach) or scripted.", DefaultValueFactory = _ => "random" };
        var script = new Option<string?>("--script") { Description = "Action list for --policy scripted (one action per line: a name or index; a box action as CSV or a JSON array)." };
        var frames = new Option<int>("--frames") { Description = "Frames in total, context included.", DefaultValueFactory = _ => 256 };
        var output = new Option<string?>("--out") { Description = "Output: .gif or .mp4 (truth | model), or .npy (model; truth in .truth.npy)." };
        var outDataset = new Option<string?>("--out-dataset") { Description = "Instead of --out: imagined episodes (the policy acting inside the model) written as a dataset folder (resumes)." };
        var episodes = new Option<int>("--episodes") { Description = "Episodes for --out-dataset; episode e uses seed + e.", DefaultValueFactory = _ => 1 };
        var context = new Option<int>("--context") { Description = "Real frames given to the model first.", DefaultValueFactory = _ => 4 };
        var precision = new Option<string>("--precision") { Description = "fp32 or bf16.", DefaultValueFactory = _ => "fp32" };
        var json = new Option<bool>("--json") { Description = "Print per-frame PSNR against the truth as JSON on stdout." };
        var command = new Command("rollout", "Roll the model out next to the real environment under the same actions.")
        {
            model, env, world, seed, policy, script, frames, output, outDataset, episodes, context, precision, json,
        };
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output);
            var datasetDir = parse.GetValue(outDataset);
            if ((outPath is null) == (datasetDir is null)) throw new OrreryException("rollout: give exactly one of --out FILE and --out-dataset DIR");
            var ext = Path.GetExtension(outPath ?? "").ToLowerInvariant();
            if (outPath is not null && ext is not (".gif" or ".mp4" or ".npy"))
                throw new OrreryException($"--out {outPath}: expected a .gif, .mp4 or .npy file");
            var modelDir = parse.GetValue(model)!;
            using var wm = WorldModel.Load(modelDir, new WorldModelOptions { Precision = ConfigOverrides.ParseChoice<NumericPrecision>(parse.GetValue(precision)!, "--precision") });
            var envName = parse.GetValue(env) ?? (wm.World.Environment is { Length: > 0 } trained ? trained
                : throw new OrreryException($"{modelDir}: the checkpoint names no environment (a version 1 model); pass --env"));
            var environment = EnvironmentRegistry.Create(envName, parse.GetValue(world), wm.Spec.Height);
            ModelEnvironmentMatch.Check(wm.World, environment.Spec, modelDir);
            var agent = PolicyChoice.Create(parse.GetValue(policy)!, environment, parse.GetValue(script));
            var (total, ctx, s) = (parse.GetValue(frames), parse.GetValue(context), parse.GetValue(seed));
            if (ctx < 1 || total <= ctx) throw new OrreryException($"--frames {total} must exceed --context {ctx}, which must be at least 1");
            if (datasetDir is not null)
            {
                var count = OptionValues.Positive(parse.GetValue(episodes), "--episodes");
                var policyName = parse.GetValue(policy)!;
                var manifest = ProgressDisplay.Run("imagine", (double)count * total, "frames", p =>
                    ImaginedDataset.Write(wm, modelDir, environment, parse.GetValue(world), policyName,
                                          () => PolicyChoice.Create(policyName, environment, parse.GetValue(script)), count, total, s, ctx, datasetDir, done => p.Set(done)));
                Output.Stdout.MarkupLine($"wrote {Markup.Escape(datasetDir)}: {manifest.Counts.Episodes} imagined episodes, {manifest.Counts.Frames} frames, fingerprint {manifest.Fingerprint}");
                return ExitCodes.Ok;
            }
            var file = outPath!;

            var rollout = ProgressDisplay.Run("rollout", total, "frames", p =>
                LockstepRollout.Run(wm, [new LockstepRollout.Episode(environment, agent, parse.GetValue(world), s)],
                                    total, ctx, s, done => p.Set(done)))[0];
            var (truth, generated) = (Frames(rollout.Truth), Frames(rollout.Generated));
            Write(file, ext, rollout.Spec, truth, generated, environment.Spec.Fps);

            var psnr = Enumerable.Range(0, rollout.Length).Select(t => Psnr.Compute(generated[t], truth[t])).ToArray();
            var info = ModelInfo.Of(modelDir, wm);
            if (parse.GetValue(json))
                Output.WriteJson(new { model = info, output = Path.GetFullPath(file), context = ctx, frames = rollout.Length, actions = rollout.Actions, psnr });
            else
            {
                var generatedPsnr = psnr.Skip(ctx).ToArray();
                var table = new Table().RoundedBorder().AddColumns("", "value");
                table.AddRow("model", Markup.Escape(info.ToString()));
                table.AddRow("output", Markup.Escape(Path.GetFullPath(file)));
                table.AddRow("frames", $"{rollout.Length} ({ctx} real context)");
                table.AddRow("PSNR vs truth", $"mean {generatedPsnr.Average():0.00} dB, first {generatedPsnr[0]:0.00} dB, last {generatedPsnr[^1]:0.00} dB");
                Output.Stdout.Write(table);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static byte[][] Frames(IReadOnlyList<Observation> observations) => observations.Select(o => o.Frame).ToArray();

    private static void Write(string path, string ext, ObservationSpec spec, byte[][] truth, byte[][] generated, int fps)
    {
        if (ext == ".npy")
        {
            NpyFile.Write(path, NpyArray.Of(generated.SelectMany(f => f).ToArray(), generated.Length, spec.Height, spec.Width, spec.Channels));
            NpyFile.Write(Path.ChangeExtension(path, ".truth.npy"), NpyArray.Of(truth.SelectMany(f => f).ToArray(), truth.Length, spec.Height, spec.Width, spec.Channels));
            return;
        }
        var pair = SideBySide.Compose(truth, generated, spec.Height, spec.Width, spec.Channels);
        var scale = Math.Max(1, 256 / spec.Height);
        if (ext == ".gif") GifWriter.Write(path, pair.Frames, pair.Height, pair.Width, pair.Channels, fps, scale);
        else Mp4Writer.Write(path, pair.Frames, pair.Height, pair.Width, pair.Channels, fps, scale);
    }
}
