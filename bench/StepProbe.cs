// Times WorldModel.Step for SESSIONS sessions batched together, at a torch thread count and precision, decoding
// frames or not (a planner's step skips the decoder):
//   dotnet run -c Release bench/StepProbe.cs -- THREADS [MODEL_DIR=models/maze-v1] [SESSIONS=1] [fp32|bf16] [decode|nodecode]
#:project ../src/Orrery.Server/Orrery.Server.csproj
#:property JsonSerializerIsReflectionEnabledByDefault=true
using System.Diagnostics;
using Orrery.Environments;
using Orrery.Model;
using Orrery.Model.Configs;

var threads = int.Parse(args[0]);
var modelDir = args.Length > 1 ? args[1] : "models/maze-v1";
var sessions = args.Length > 2 ? int.Parse(args[2]) : 1;
var precision = args.Length > 3 && args[3] == "bf16" ? NumericPrecision.Bf16 : NumericPrecision.Fp32;
var decode = args.Length <= 4 || args[4] != "nodecode";
using var model = WorldModel.Load(modelDir, new WorldModelOptions { Threads = threads, Precision = precision, DecodeFrames = decode });
var states = Enumerable.Range(0, sessions)
    .Select(s => model.Begin(new EnvironmentContext().Context(model.World.Environment, model.World.Parameters, world: s % 4, seed: s + 1, model.ContextFrames)))
    .ToArray();
var turn = model.World.Actions!.Parse("turn-left");
var actions = states.Select(_ => turn).ToArray();
const int warmup = 20, timed = 100;
var times = new List<double>();
for (var i = 0; i < warmup + timed; i++)
{
    var clock = Stopwatch.StartNew();
    model.Step(states, actions);
    if (i >= warmup) times.Add(clock.Elapsed.TotalMilliseconds);
}
times.Sort();
Console.WriteLine($"{modelDir}, {sessions} session(s), {precision}, threads {threads}, {(decode ? "decoding" : "not decoding")}: " +
                  $"p50 {times[timed / 2]:0.0} ms, p99 {times[timed * 99 / 100]:0.0} ms, {1000 * sessions / times.Average():0.0} frames/s in all");
foreach (var s in states) s.Dispose();
