using System.CommandLine;
using Orrery.Cli.Terminal;
using Orrery.Core.IO;
using Orrery.Data.Collect;
using Orrery.Environments;

namespace Orrery.Cli.Commands;

/// <summary>`orrery collect`: records a policy acting in an environment into a dataset folder; a rerun resumes.</summary>
public static class CollectCommand
{
    public static Command Create()
    {
        var env = new Option<string>("--env") { Description = "Environment name.", DefaultValueFactory = _ => "maze" };
        var world = new Option<int>("--world") { Description = "World (layout) number.", DefaultValueFactory = _ => 0 };
        var policy = new Option<string>("--policy") { Description = $"Policy: {PolicyChoice.Description}.", DefaultValueFactory = _ => "explorer" };
        var episodes = new Option<int>("--episodes") { Description = "Number of episodes.", DefaultValueFactory = _ => 20 };
        var steps = new Option<int>("--steps") { Description = "Frames per episode (frame 0 is the reset observation).", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Episode i uses seed + i for the environment and the policy.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Dataset folder to write (or resume).", Required = true };
        var resolution = new Option<int>("--resolution") { Description = "Square frame size in pixels.", DefaultValueFactory = _ => 64 };
        var script = new Option<string?>("--script") { Description = "Action list for --policy scripted (one action per line)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };
        var command = new Command("collect", "Record episodes of a policy in an environment as a dataset (resumes an interrupted run).")
        {
            env, world, policy, episodes, steps, seed, output, resolution, script, json,
        };
        command.SetAction(parse =>
        {
            var environment = EnvironmentRegistry.Create(parse.GetValue(env)!, parse.GetValue(world), parse.GetValue(resolution));
            var policyName = parse.GetValue(policy)!;
            var scriptPath = parse.GetValue(script);
            PolicyChoice.Create(policyName, environment, scriptPath);   // fail on a bad policy or script before any file is written
            var extra = new Dictionary<string, string>();
            if (scriptPath is not null) extra["scriptSha256"] = Checksums.Sha256File(scriptPath);
            var opts = new CollectOptions(parse.GetValue(episodes), parse.GetValue(steps), parse.GetValue(seed), parse.GetValue(output)!, policyName, parse.GetValue(world))
            {
                Extra = extra,
            };
            var result = ProgressDisplay.Run($"collect {environment.Name} w{opts.World}", (double)opts.Episodes * opts.Steps, "frames",
                tracker => Collector.Collect(environment, () => PolicyChoice.Create(policyName, environment, scriptPath), opts, n => tracker.Advance(n)));
            if (parse.GetValue(json)) Output.WriteJson(new { output = opts.Out, result.EpisodesWritten, result.EpisodesSkipped, episodes = result.TotalEpisodes, frames = result.TotalFrames, fingerprint = result.Fingerprint });
            else
            {
                var resumed = result.EpisodesSkipped > 0 ? $" ({result.EpisodesSkipped} already there, resumed)" : "";
                Console.Out.WriteLine($"wrote {result.EpisodesWritten} episodes{resumed} to {opts.Out}: {result.TotalEpisodes} episodes, {result.TotalFrames} frames, fingerprint {result.Fingerprint}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
