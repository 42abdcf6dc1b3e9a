#:project ../src/Orrery.Data/Orrery.Data.csproj
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true
// Window-sampling rate of Dataset.SampleWindow and SampleBatch: `dotnet run -c Release bench/WindowSampling.cs -- DIR [K] [SECONDS]`.
using System.Diagnostics;
using Orrery.Data.Format;

var dir = args.Length > 0 ? args[0] : "data/maze-w0";
var k = args.Length > 1 ? int.Parse(args[1]) : 16;
var seconds = args.Length > 2 ? double.Parse(args[2]) : 3;
using var data = Dataset.Open(dir);
var rng = new Random(1);
for (var i = 0; i < 1000; i++) data.SampleWindow(rng, k);   // warm up: maps, actions, JIT
var clock = Stopwatch.StartNew();
long n = 0, bytes = 0;
while (clock.Elapsed.TotalSeconds < seconds) { bytes += data.SampleWindow(rng, k).Frames.Length; n++; }
Console.WriteLine($"{dir}: SampleWindow K={k} at {data.Spec}: {n / clock.Elapsed.TotalSeconds:0} windows/s ({bytes / clock.Elapsed.TotalSeconds / 1e9:0.00} GB/s), 1 thread");
const int B = 32;
var frames = new byte[B * k * data.Spec.FrameBytes];
var actions = new Orrery.Core.Spaces.ActionVector[B * k];
clock.Restart();
n = 0;
while (clock.Elapsed.TotalSeconds < seconds) { data.SampleBatch(rng, B, k, frames, actions); n += B; }
Console.WriteLine($"{dir}: SampleBatch B={B} K={k} at {data.Spec}: {n / clock.Elapsed.TotalSeconds:0} windows/s, 1 thread");
