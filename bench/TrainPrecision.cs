// Times one dynamics training pass (forward + backward) of the maze-small preset in fp32 and in bf16:
//   dotnet run bench/TrainPrecision.cs -- THREADS [BATCH] [CONTEXT_FRAMES]
#:project ../src/Orrery.Model/Orrery.Model.csproj
#:property JsonSerializerIsReflectionEnabledByDefault=true
using System.Diagnostics;
using Orrery.Core.Spaces;
using Orrery.Model;
using Orrery.Model.Configs;
using TorchSharp;
using static TorchSharp.torch;

set_num_threads(int.Parse(args[0]));
int b = args.Length > 1 ? int.Parse(args[1]) : 12, k = args.Length > 2 ? int.Parse(args[2]) : 8;
foreach (var dt in new[] { ScalarType.Float32, ScalarType.BFloat16 })
{
    manual_seed(1);
    var world = new WorldSpec { Observation = new ObservationSpec(64, 64, 3), Actions = new DiscreteActionSpace(["noop", "a", "b", "c", "d", "e", "f"]) };
    using var net = new WorldModelNetwork(Presets.MazeSmall with { Dynamics = Presets.MazeSmall.Dynamics with { StreamHeads = [] } }, world);
    net.to(dt);
    var sw = new Stopwatch();
    for (var i = 0; i < 8; i++)
    {
        if (i == 3) sw.Start();
        using var scope = NewDisposeScope();
        var z = randn(b, k + 1, 64, 16).to(dt);
        var ctx = z.narrow(1, 0, k);
        var f = net.Dynamics.Forward(ctx, randint(0, 7, [b, k]), zeros(b, k).to(dt));
        var loss = net.Head.Loss(f, z.narrow(1, 1, k), new Generator(1)).to(ScalarType.Float32);
        loss.backward();
        net.zero_grad();
    }
    Console.WriteLine($"{dt}: {sw.Elapsed.TotalMilliseconds / 5:0} ms per fwd+bwd (B={b}, K={k})");
}
