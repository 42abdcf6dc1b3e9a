using Orrery.Core.Streams;
using Orrery.Environments;
using Orrery.Model;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using static TorchSharp.torch;

namespace Orrery.Evaluation.Tests.Protocols;

/// <summary>An untrained checkpoint with the "tiny" preset for 64x64 maze frames and a reward head, written once per test run.</summary>
internal static class TinyCheckpoint
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), $"orrery-eval-tiny-{Environment.ProcessId}");
        manual_seed(11);
        var world = EnvironmentRegistry.Create("maze", 0).Spec;
        var config = Presets.Tiny with { Dynamics = Presets.Tiny.Dynamics with { StreamHeads = [StreamNames.Reward] } };
        using var network = new WorldModelNetwork(config, world);
        Checkpoint.Save(dir, network, new CheckpointManifest { Config = config, World = world });
        return dir;
    });

    public static string Dir => Folder.Value;

    public static WorldModel Load() => WorldModel.Load(Dir);
}
