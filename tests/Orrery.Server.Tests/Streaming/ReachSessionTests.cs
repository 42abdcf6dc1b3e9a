using System.Net.Http.Json;
using System.Text.Json;
using Orrery.Core.Environments;
using Orrery.Core.IO;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments;
using Orrery.Model;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Runtime.Sessions;
using Orrery.Runtime.Tests;

namespace Orrery.Server.Tests.Streaming;

/// <summary>
/// Sessions of the continuous world (reach: a box of two torques) over the WebSocket: the ground truth and a tiny reach
/// model with random weights take {"action":[0.3,-0.7]} and binary float32 actions, and every frame they send carries,
/// in its ORF2 trailer, the action that made it and the `state`/`reward`/`success` streams. Each received frame and its
/// streams are checked against the same simulator stepped offline under the session's own action log.
/// </summary>
public sealed class ReachSessionTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly ActionVector Json = ActionVector.Continuous(0.3f, -0.7f);
    private static readonly ActionVector Binary = ActionVector.Continuous(-0.5f, 0.25f);
    private readonly string models = Path.Combine(Path.GetTempPath(), $"orrery-reach-models-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(models)) Directory.Delete(models, recursive: true);
    }

    [Fact]
    public async Task The_truth_of_reach_sends_the_environment_frames_and_streams_under_json_and_binary_actions()
    {
        await using var server = await RunningServer.Start();
        var (start, ticks, frames) = await Drive(server, "truth-reach");
        using var truth = new EnvironmentSimulator("reach");
        AssertAreTheReplay(frames, Replay(truth, start, ticks));
        Assert.Contains(frames, f => f.Streams[StreamNames.Reward][0] != 0);   // the arm moved: a reward after the first frame
    }

    [Fact]
    public async Task A_reach_model_sends_its_frames_and_predicted_streams_under_json_and_binary_actions()
    {
        var dir = TinyReachCheckpoint();
        await using var server = await RunningServer.Start(new ServerOptions { ModelsDir = models });
        var (start, ticks, frames) = await Drive(server, Path.GetFileName(dir));
        // the model loaded as the server loads it, replayed at batch 1 as the session (alone on its server) ran
        using var model = SessionModels.Load(dir);
        AssertAreTheReplay(frames, Replay(model, start, ticks));

        // guard: with these weights the action reaches the frames, so the check above is about the actions sent
        var still = Replay(model, start, ticks.Select(_ => ActionVector.Continuous(0, 0)).ToArray());
        Assert.NotEqual(Checksums.Sha256(still[^1].Frame), Checksums.Sha256(Replay(model, start, ticks)[^1].Frame));
    }

    /// <summary>
    /// Opens a session of <paramref name="model"/>, sends the torques as JSON then as binary float32, and returns its start,
    /// its action log and the frames its client received until a few frames after the binary action.
    /// </summary>
    private static async Task<(SessionStart Start, ActionVector[] Ticks, IReadOnlyList<FrameLog.Frame> Frames)> Drive(RunningServer server, string model)
    {
        var info = await server.CreateSession(world: 0, seed: 4, model: model);
        Assert.Equal(ActionKind.Box, info.ActionSpace.Kind);
        Assert.Equal([StreamNames.State, StreamNames.Reward, StreamNames.Success], info.Streams.Select(s => s.Name));
        await using var log = await FrameLog.Start(server, info.Id);
        using var cts = new CancellationTokenSource(Bound);
        await WireClient.SendText(log.Socket, "{\"action\":[0.3,-0.7]}", cts.Token);
        var first = await log.WaitForAction(Json, Bound);
        await log.WaitForFrame(first.Index + 3, Bound);
        await WireClient.SendFloats(log.Socket, Binary.Values, cts.Token);
        var binary = await log.WaitForAction(Binary, Bound);
        await log.WaitForFrame(binary.Index + 3, Bound);
        Assert.Empty(log.Texts);

        var frames = log.Frames;   // before the log: frames received later may be past its end
        var provenance = await server.Http.GetFromJsonAsync<JsonElement>($"/api/sessions/{info.Id}/provenance");
        var ticks = provenance.GetProperty("tickActions").Deserialize<ActionVector[]>()![..(int)frames[^1].Index];
        Assert.Equal([Json, Binary], ticks.Distinct().Where(a => a != ActionVector.Continuous(0, 0)));
        foreach (var f in frames)
        {
            Assert.Equal(f.Index == 0 ? ActionVector.Unknown : ticks[f.Index - 1], f.Action);
            foreach (var stream in info.Streams)
                Assert.Equal(stream.Size, f.Streams[stream.Name].Length);
        }
        return (new SessionStart(0, 4), ticks, frames);
    }

    /// <summary>The simulator begun as a session with this start begins, then stepped under each action: the first observation and one per action.</summary>
    private static List<Observation> Replay(ISimulator simulator, SessionStart start, IReadOnlyList<ActionVector> ticks)
    {
        var context = SessionContext.For(simulator, start, new EnvironmentContext());
        using var state = simulator.Begin(context);
        var observations = new List<Observation> { context.Context[^1] };
        observations.AddRange(ticks.Select(a => simulator.Step([state], [a])[0]));
        return observations;
    }

    private static void AssertAreTheReplay(IReadOnlyList<FrameLog.Frame> frames, IReadOnlyList<Observation> replayed)
    {
        foreach (var f in frames)
        {
            var expected = replayed[(int)f.Index];
            Assert.True(Checksums.Sha256(expected.Frame) == f.Sha256, $"frame {f.Index} is not the simulator's under the session's actions");
            Assert.Equal(expected.Streams.Keys.Order(), f.Streams.Keys.Order());
            foreach (var (name, values) in expected.Streams)
                Assert.True(values.SequenceEqual(f.Streams[name]), $"frame {f.Index}: stream '{name}' is [{string.Join(", ", f.Streams[name])}], offline [{string.Join(", ", values)}]");
        }
    }

    /// <summary>A tiny reach checkpoint predicting every stream of reach, its weights random (<see cref="RandomWeights"/>) so that actions change its frames.</summary>
    private string TinyReachCheckpoint()
    {
        var world = EnvironmentRegistry.Spec("reach");
        var config = Presets.Tiny with { Dynamics = Presets.Tiny.Dynamics with { StreamHeads = world.Streams.Select(s => s.Name).ToArray() } };
        using var network = new WorldModelNetwork(config, world);
        RandomWeights.Fill(network, seed: 5);
        var dir = Path.Combine(models, "reach-tiny");
        Checkpoint.Save(dir, network, new CheckpointManifest { Config = config, World = world });
        return dir;
    }
}
