using Orrery.Core.Spaces;
using Orrery.Environments.Maze;
using Orrery.Model;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Runtime.Backends;

namespace Orrery.Server.Tests;

/// <summary>A ServerOptions.ModelLoader for tests: an untrained tiny world model named after its folder, real TorchSharp in milliseconds.</summary>
public static class TinyModel
{
    public static IWorldBackend Load(string dir)
    {
        var spec = new ObservationSpec(64, 64, 3);
        var manifest = new CheckpointManifest { Config = Presets.Tiny, Observation = spec, ActionNames = MazeActions.Names, WeightsSha256 = "tiny-untrained-weights" };
        var network = new WorldModelNetwork(Presets.Tiny, spec, MazeActions.Names.Count);
        return new WorldModelBackend(WorldModel.FromNetwork(network, manifest), Path.GetFileName(dir));
    }
}
