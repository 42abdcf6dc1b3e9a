using Orrery.Core.Simulation;
using Orrery.Environments;
using Orrery.Model;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;

namespace Orrery.Server.Tests;

/// <summary>A ServerOptions.ModelLoader for tests: an untrained tiny maze world model named after its folder, real TorchSharp in milliseconds.</summary>
public static class TinyModel
{
    public static ISimulator Load(string dir)
    {
        var world = EnvironmentRegistry.Spec("maze");
        var config = Presets.Tiny with { Dynamics = Presets.Tiny.Dynamics with { StreamHeads = [] } };
        var manifest = new CheckpointManifest { Config = config, World = world, WeightsSha256 = "tiny-untrained-weights" };
        return WorldModel.FromNetwork(new WorldModelNetwork(config, world), manifest, name: Path.GetFileName(dir));
    }
}
