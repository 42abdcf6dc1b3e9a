// Does a model rank a planner's candidates as the truth does? From roots along the truth's own episodes, K random
// action sequences (like the CEM's first sampling) are rolled out in the model (from its window of true frames) and
// in the truth (from the true state). Each scorer's ranking of the candidates is compared with the truth's summed
// reward: Spearman per root, and the true final fingertip distance of the candidate each scorer picks. Reach only.
//   dotnet run bench/PlanRanking.cs -- MODEL EPISODES SEED POLICY ROOTFRAMES CANDIDATES HORIZON REPEAT
#:project ../src/Orrery.Evaluation/Orrery.Evaluation.csproj
#:project ../src/Orrery.Cli/Orrery.Cli.csproj
#:property JsonSerializerIsReflectionEnabledByDefault=true
using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments;
using Orrery.Evaluation.Policies;
using Orrery.Evaluation.Rollouts;
using Orrery.Model;

var (modelDir, episodes, seed, policyName) = (args[0], int.Parse(args[1]), int.Parse(args[2]), args[3]);
var rootFrames = args[4].Split(',').Select(int.Parse).ToArray();
var (k, horizon, repeat) = (int.Parse(args[5]), int.Parse(args[6]), int.Parse(args[7]));
using var wm = WorldModel.Load(modelDir, new WorldModelOptions { DecodeFrames = false });
var environment = EnvironmentRegistry.Create("reach", 0, wm.Spec.Height);
using var truth = new EnvironmentSimulator("reach", wm.Spec.Height);
var space = (BoxActionSpace)truth.World.Actions!;
var fields = truth.World.Streams.First(s => s.Name == StreamNames.State).Fields.ToList();
var (fx, fy, tx, ty) = (fields.IndexOf("fingertip_x"), fields.IndexOf("fingertip_y"), fields.IndexOf("target_x"), fields.IndexOf("target_y"));
var context = new EnvironmentContext();
var random = new Random(seed);
float Gauss() => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
float[] State(Observation o) => o.Streams[StreamNames.State].ToArray();
double Reward(Observation o) => o.Streams[StreamNames.Reward][0];
double Distance(float[] s, float x, float y) => Math.Sqrt((s[fx] - x) * (s[fx] - x) + (s[fy] - y) * (s[fy] - y));
// each scorer sums over a candidate's frames; the target a scorer may use is the true one at the root
var scorers = new (string Name, Func<IReadOnlyList<Observation>, float[], double> Score)[]
{
    ("reward stream, summed", (frames, _) => frames.Sum(Reward)),
    ("reward stream, last frame", (frames, _) => Reward(frames[^1])),
    ("predicted fingertip to the true target, summed", (frames, root) => -frames.Sum(o => Distance(State(o), root[tx], root[ty]))),
};
var rho = scorers.Select(_ => new List<double>()).ToArray();
var picked = scorers.Select(_ => new List<double>()).ToArray();
var (truthPick, randomPick) = (new List<double>(), new List<double>());
for (var e = 0; e < episodes; e++)
{
    var start = context.Context("reach", truth.World.Parameters, 0, seed + e, wm.ContextFrames);
    var played = ClosedLoop.Run(truth, [new ClosedLoop.Episode(Orrery.Cli.Commands.PolicyChoice.Create(policyName, environment), seed + e, start)], wm.ContextFrames + rootFrames.Max() + 1, stopAtSuccess: false)[0];
    foreach (var root in rootFrames)
    {
        var t = wm.ContextFrames - 1 + root;
        var from = t - wm.ContextFrames + 1;
        var window = start with { Context = played.Observations.Skip(from).Take(wm.ContextFrames).ToList(), Actions = [ActionVector.Unknown, .. played.Actions.Skip(from + 1).Take(wm.ContextFrames - 1)] };
        using var real = truth.Begin(start);
        for (var i = wm.ContextFrames; i <= t; i++) truth.Step([real], [played.Actions[i]]);
        var rootState = State(played.Observations[t]);
        var candidates = Enumerable.Range(0, k).Select(_ => Enumerable.Range(0, horizon).Select(_ =>
            Enumerable.Range(0, space.Dimensions).Select(d => Math.Clamp(0.5f * Gauss(), space.Low[d], space.High[d])).ToArray()).ToArray()).ToArray();
        var inTruth = Roll(truth, real, candidates);
        using var modelRoot = wm.Begin(window);
        var inModel = Roll(wm, modelRoot, candidates);
        var truthReturn = inTruth.Select(frames => frames.Sum(Reward)).ToArray();
        var finalDistance = inTruth.Select(frames => State(frames[^1])).Select(s => Distance(s, s[tx], s[ty])).ToArray();
        for (var j = 0; j < scorers.Length; j++)
        {
            var score = inModel.Select(frames => scorers[j].Score(frames, rootState)).ToArray();
            rho[j].Add(RankCorrelation.Spearman(score, truthReturn) ?? double.NaN);
            picked[j].Add(finalDistance[Array.IndexOf(score, score.Max())]);
        }
        truthPick.Add(finalDistance[Array.IndexOf(truthReturn, truthReturn.Max())]);
        randomPick.Add(finalDistance.Average());
        Console.Error.Write('.');
    }
}
Console.Error.WriteLine();
Console.WriteLine($"## {modelDir}, {episodes} episodes of {policyName}, roots at frames {args[4]}, {k} candidates x {horizon}x{repeat} frames");
Console.WriteLine($"true final distance of the truth's own pick {truthPick.Average() * 100:0.0} cm, of a random candidate {randomPick.Average() * 100:0.0} cm");
Console.WriteLine("| scorer in the model | Spearman with the truth's return, mean per root | true final distance of its pick, cm |");
for (var j = 0; j < scorers.Length; j++)
    Console.WriteLine($"| {scorers[j].Name} | {rho[j].Where(double.IsFinite).Average():0.00} | {picked[j].Average() * 100:0.0} |");
(environment as IDisposable)?.Dispose();

// every candidate's frames, all candidates stepped together from forks of root
List<Observation>[] Roll(ISimulator simulator, SimulatorState root, float[][][] sequences)
{
    var forks = sequences.Select(_ => simulator.Fork(root)).ToArray();
    try
    {
        var frames = sequences.Select(_ => new List<Observation>()).ToArray();
        for (var h = 0; h < sequences[0].Length; h++)
            for (var r = 0; r < repeat; r++)
            {
                var observations = simulator.Step(forks, sequences.Select(c => space.FromValues(c[h])).ToArray());
                for (var i = 0; i < forks.Length; i++) frames[i].Add(observations[i]);
            }
        return frames;
    }
    finally
    {
        foreach (var fork in forks) fork.Dispose();
    }
}
