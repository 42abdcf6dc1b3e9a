using Orrery.Core.Spaces;
using Orrery.Environments.Maze;
using Orrery.Model;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using static TorchSharp.torch;

namespace Orrery.Evaluation.Tests.Protocols;

/// <summary>An untrained checkpoint with the "tiny" preset for 64x64 maze frames, written once per test run.</summary>
internal static class TinyCheckpoint
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), $"orrery-eval-tiny-{Environment.ProcessId}");
        manual_seed(11);
        var spec = new ObservationSpec(64, 64, 3);
        using var network = new WorldModelNetwork(Presets.Tiny, spec, MazeActions.Names.Count);
        Checkpoint.Save(dir, network, new CheckpointManifest { Config = Presets.Tiny, Observation = spec, ActionNames = MazeActions.Names });
        return dir;
    });

    public static string Dir => Folder.Value;

    public static WorldModel Load() => WorldModel.Load(Dir);
}
