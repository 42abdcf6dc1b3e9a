// Times WorldModel.Step for one session at a given torch thread count:
//   dotnet run bench/StepProbe.cs -- THREADS [MODEL_DIR]
#:project ../src/Orrery.Server/Orrery.Server.csproj
#:property JsonSerializerIsReflectionEnabledByDefault=true
using System.Diagnostics;
using Orrery.Environments;
using Orrery.Model;

var threads = int.Parse(args[0]);
var modelDir = args.Length > 1 ? args[1] : "models/maze-v1";
using var model = WorldModel.Load(modelDir, new WorldModelOptions { Threads = threads });
var context = new EnvironmentContext().Context(model.World.Environment, model.World.Parameters, world: 0, seed: 1, model.ContextFrames);
using var state = model.Begin(context);
var turn = model.World.Actions!.Parse("turn-left");
const int warmup = 10, timed = 100;
var clock = new Stopwatch();
for (var i = 0; i < warmup + timed; i++)
{
    if (i == warmup) clock.Start();
    model.Step([state], [turn]);
}
Console.WriteLine($"threads {threads}: {clock.Elapsed.TotalMilliseconds / timed:0.0} ms per step ({timed / clock.Elapsed.TotalSeconds:0.0} steps/s)");
