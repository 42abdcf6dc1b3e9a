// Trains the default IDM of `orrery eval` for the maze (worlds 0-3, the path IdmCache takes) and scores it on its
// held-out fifth and on fresh pairs, with the confusion matrix:
//   dotnet run bench/IdmJudge.cs -- CACHE_DIR [THREADS]
#:project ../src/Orrery.Evaluation/Orrery.Evaluation.csproj
#:property JsonSerializerIsReflectionEnabledByDefault=true
using System.Diagnostics;
using Orrery.Core.Environments;
using Orrery.Environments.Maze;
using Orrery.Evaluation.InverseDynamics;
using static TorchSharp.torch;

if (args.Length > 1) set_num_threads(int.Parse(args[1]));
var sw = Stopwatch.StartNew();
var options = new IdmOptions();
int[] worlds = [0, 1, 2, 3];
var (model, heldOut, folder, cached) = IdmCache.LoadOrTrain(w => new MazeEnvironment(w), worlds, options, root: args[0]);
Console.WriteLine($"{options}");
Console.WriteLine($"held-out accuracy {heldOut:F4} ({(cached ? "cached" : $"trained in {sw.Elapsed.TotalSeconds:F0} s")}, {folder})");
var fresh = TransitionCollector.Collect(worlds.Select(w => (IEnvironment)new MazeEnvironment(w)).ToArray(), 2800, options.EpisodeLength, 999);
var predicted = model.Predict(fresh);
var confusion = new int[model.Actions, model.Actions];
for (var i = 0; i < fresh.Count; i++) confusion[fresh[i].Action.Index, predicted[i]]++;
Console.WriteLine($"fresh pairs (collection seed 999): accuracy {model.Accuracy(fresh):F4} of {fresh.Count}; rows true, columns predicted, {string.Join(' ', MazeActions.Names)}");
for (var a = 0; a < model.Actions; a++)
    Console.WriteLine(string.Join(' ', Enumerable.Range(0, model.Actions).Select(b => confusion[a, b].ToString().PadLeft(5))));
model.Dispose();
