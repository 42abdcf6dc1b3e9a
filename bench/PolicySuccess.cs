// Success rate of each policy of a task in the ground truth: episode i resets environment and policy with seed + i
// (as `orrery collect` does) and succeeds when the success stream is 1 on any frame (PushT ends an episode there).
//   dotnet run bench/PolicySuccess.cs -- ENV EPISODES STEPS SEED POLICY[,POLICY...]
// A policy "bc:FOLDER" is a learned one (`orrery train-policy`).
#:project ../src/Orrery.Environments/Orrery.Environments.csproj
#:project ../src/Orrery.Model/Orrery.Model.csproj
#:property JsonSerializerIsReflectionEnabledByDefault=true
using System.Globalization;
using Orrery.Core.Streams;
using Orrery.Environments;
using Orrery.Environments.Policies;

var (name, episodes, steps, seed) = (args[0], Parse(args[1]), Parse(args[2]), Parse(args[3]));
var env = EnvironmentRegistry.Create(name, world: 0);
Console.WriteLine($"{name}: {episodes} episodes of {steps} frames, seeds {seed}..{seed + episodes - 1}");
Console.WriteLine("| policy | success rate | median frames to success |");
Console.WriteLine("| --- | ---: | ---: |");
foreach (var policyName in args[4].Split(','))
{
    var policy = policyName.StartsWith("bc:", StringComparison.Ordinal)
        ? Orrery.Model.Policies.LearnedPolicy.Load(policyName[3..], policyName).For(env)
        : PolicyRegistry.Create(policyName, env);
    var firsts = new List<int>();
    for (var e = 0; e < episodes; e++)
    {
        policy.Reset(seed + e);
        var observation = env.Reset(seed + e);
        for (var t = 1; t < steps; t++)
        {
            observation = env.Step(policy.Act(observation, t - 1)).Observation;
            if (observation.Streams[StreamNames.Success][0] != 1f) continue;
            firsts.Add(t);
            break;
        }
    }
    var median = firsts.Count == 0 ? "-" : firsts.Order().ElementAt(firsts.Count / 2).ToString(CultureInfo.InvariantCulture);
    Console.WriteLine($"| {policyName} | {(double)firsts.Count / episodes:0.00} ({firsts.Count}/{episodes}) | {median} |");
}
(env as IDisposable)?.Dispose();

static int Parse(string text) => int.Parse(text, CultureInfo.InvariantCulture);
