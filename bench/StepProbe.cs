// Times WorldModel.Step for one session at a given torch thread count:
//   dotnet run bench/StepProbe.cs -- THREADS [MODEL_DIR]
#:project ../src/Orrery.Runtime/Orrery.Runtime.csproj
#:property JsonSerializerIsReflectionEnabledByDefault=true
using System.Diagnostics;
using Orrery.Environments;
using Orrery.Model;

var threads = int.Parse(args[0]);
var modelDir = args.Length > 1 ? args[1] : "models/maze-v1";
using var model = WorldModel.Load(modelDir, new WorldModelOptions { Threads = threads });
var env = EnvironmentRegistry.Create("maze", 0, 64);
var frames = new List<byte[]> { env.Reset(1) };
while (frames.Count < model.ContextFrames) frames.Add(env.Step(0).Observation);
using var state = model.Begin(frames, Enumerable.Range(0, frames.Count).Select(t => t == 0 ? -1 : 0).ToArray(), 1);
const int warmup = 10, timed = 100;
var clock = new Stopwatch();
for (var i = 0; i < warmup + timed; i++)
{
    if (i == warmup) clock.Start();
    model.Step([state], [3]);
}
Console.WriteLine($"threads {threads}: {clock.Elapsed.TotalMilliseconds / timed:0.0} ms per step ({timed / clock.Elapsed.TotalSeconds:0.0} steps/s)");
