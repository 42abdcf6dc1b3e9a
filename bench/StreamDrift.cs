// How well a model's predicted streams follow the truth along the truth's own episodes: each policy plays closed-loop
// in the ground truth, then the model replays the same actions from the same context. Per horizon it prints the mean
// absolute error of each state field and the reward, and how often the success head agrees with the truth's success.
//   dotnet run bench/StreamDrift.cs -- MODEL ENV EPISODES STEPS SEED POLICY[,POLICY...]
#:project ../src/Orrery.Evaluation/Orrery.Evaluation.csproj
#:project ../src/Orrery.Cli/Orrery.Cli.csproj
#:property JsonSerializerIsReflectionEnabledByDefault=true
using System.Globalization;
using Orrery.Core.Streams;
using Orrery.Environments;
using Orrery.Evaluation.Rollouts;
using Orrery.Model;

var (modelDir, envName, episodes, steps, seed) = (args[0], args[1], int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]));
using var wm = WorldModel.Load(modelDir, new WorldModelOptions());
var environment = EnvironmentRegistry.Create(envName, 0, wm.Spec.Height);
using var truth = new EnvironmentSimulator(envName, wm.Spec.Height);
var context = new EnvironmentContext();
var starts = Enumerable.Range(0, episodes).Select(e => (seed + e, context.Context(envName, truth.World.Parameters, 0, seed + e, wm.ContextFrames))).ToArray();
var fields = environment.Spec.Stream(StreamNames.State)!.Fields;
var horizons = new[] { 1, 5, 10, 20, 40, steps - wm.ContextFrames - 1 }.Where(h => h > 0 && h < steps - wm.ContextFrames).Distinct().ToArray();
foreach (var policyName in args[5].Split(','))
{
    var played = ClosedLoop.Run(truth, starts.Select(s => new ClosedLoop.Episode(Orrery.Cli.Commands.PolicyChoice.Create(policyName, environment), s.Item1, s.Item2)).ToArray(), steps, stopAtSuccess: false);
    var recorded = played.Select((r, e) => new Rollout(0, seed + e, wm.Spec, wm.ContextFrames, r.Observations, [], r.Actions)).ToArray();
    var replayed = Replay.Run(wm, recorded, 0);
    Console.WriteLine($"## {policyName}: truth success {played.Count(r => r.Succeeded)}/{episodes}; model replay success head fires in {replayed.Count(r => r.Generated.Skip(wm.ContextFrames).Any(ClosedLoop.Solved))}/{episodes}");
    Console.WriteLine($"| horizon | {string.Join(" | ", fields)} | reward | success agrees | truth success frames | head fires |");
    foreach (var h in horizons)
    {
        var t = wm.ContextFrames - 1 + h;
        var err = fields.Select((_, i) => replayed.Average(r => Math.Abs(r.Generated[t].Streams[StreamNames.State][i] - r.Truth[t].Streams[StreamNames.State][i]))).ToArray();
        var reward = replayed.Average(r => Math.Abs(r.Generated[t].Streams[StreamNames.Reward][0] - r.Truth[t].Streams[StreamNames.Reward][0]));
        var agree = replayed.Average(r => ClosedLoop.Solved(r.Generated[t]) == ClosedLoop.Solved(r.Truth[t]) ? 1.0 : 0.0);
        var truthOn = replayed.Count(r => ClosedLoop.Solved(r.Truth[t]));
        var headOn = replayed.Count(r => ClosedLoop.Solved(r.Generated[t]));
        Console.WriteLine($"| {h} | {string.Join(" | ", err.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))} | {reward:0.000} | {agree:0.00} | {truthOn} | {headOn} |");
    }
}
(environment as IDisposable)?.Dispose();
