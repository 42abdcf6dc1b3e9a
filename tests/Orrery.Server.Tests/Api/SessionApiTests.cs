using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Environments;
using Orrery.Runtime.Recording;
using Orrery.Runtime.Sessions;
using Orrery.Server.Api;

namespace Orrery.Server.Tests.Api;

public sealed class SessionApiTests
{
    [Fact]
    public async Task Models_list_checkpoint_folders_then_the_truth_of_every_environment()
    {
        var models = Path.Combine(Path.GetTempPath(), $"orrery-models-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(models, "maze-a"));
        File.WriteAllText(Path.Combine(models, "maze-a", "manifest.json"), "{}");
        Directory.CreateDirectory(Path.Combine(models, "not-a-model"));
        try
        {
            await using var server = await RunningServer.Start(new ServerOptions { ModelsDir = models });
            var list = await server.Http.GetFromJsonAsync<JsonElement>("/api/models");
            Assert.Equal(["maze-a", "truth-maze", "truth-reach", "truth-push"], list.EnumerateArray().Select(m => m.GetProperty("name").GetString()));
            // a folder that only looks like a checkpoint is a clear 400, not a crash
            var broken = await server.Http.PostAsJsonAsync("/api/sessions", new { model = "maze-a" });
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
            Assert.Contains("maze-a", (await broken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }

    [Theory]
    [InlineData("../secrets")]
    [InlineData("/etc")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("nope")]
    public async Task Model_names_outside_the_models_folder_are_refused(string model)
    {
        await using var server = await RunningServer.Start();
        var response = await server.Http.PostAsJsonAsync("/api/sessions", new { model, world = 0, seed = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("model", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Requests_without_the_api_key_get_401()
    {
        await using var server = await RunningServer.Start(new ServerOptions { ApiKey = "s3cret" });
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.Url) };
        var refused = await anonymous.GetAsync("/api/models");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("X-Api-Key", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/api/models")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/models?key=s3cret")).StatusCode);
        var info = await server.CreateSession();
        using var socket = await server.Connect(info.Id);   // ?key= on the WebSocket URL
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public void Binding_beyond_loopback_without_a_key_is_refused_at_start()
    {
        var e = Assert.Throws<OrreryException>(() => OrreryServer.Build(new ServerOptions { Host = "0.0.0.0", Port = 0 }));
        Assert.Contains("--api-key", e.Message);
    }

    [Fact]
    public async Task Delete_removes_the_session()
    {
        await using var server = await RunningServer.Start();
        var info = await server.CreateSession();
        Assert.Equal(HttpStatusCode.NoContent, (await server.Http.DeleteAsync($"/api/sessions/{info.Id}")).StatusCode);
        var gone = await server.Http.GetAsync($"/api/sessions/{info.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains(info.Id, (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    /// <summary>
    /// Every frame a client of the source, its fork, its restored snapshot and its replay receives is the truth under
    /// that session's own action log, and each log begins with the source's up to the frame it branched at: so a fork
    /// and a restore continue from the source's exact state, and a replay redraws the source's frames.
    /// </summary>
    [Fact]
    public async Task Fork_restore_and_replay_continue_from_the_source_frames()
    {
        await using var server = await RunningServer.Start();
        var info = await server.CreateSession(world: 1, seed: 3);
        Assert.Equal(24, info.Fps);
        Assert.Contains("turn-left", info.Actions);
        await using var source = await FrameLog.Start(server, info.Id);
        await Act(server, info.Id, "turn-left");
        await source.WaitForFrame(5, Bound);

        var fork = await Created(await server.Http.PostAsync($"/api/sessions/{info.Id}/fork", null));
        Assert.NotEqual(info.Id, fork.Id);
        Assert.True(fork.FrameIndex >= 5);
        var snap = await (await server.Http.PostAsync($"/api/sessions/{info.Id}/snapshot", null)).Content.ReadFromJsonAsync<JsonElement>();
        var file = await server.Http.GetByteArrayAsync(snap.GetProperty("download").GetString());
        Assert.Equal("ORRSNAP1"u8.ToArray(), file[..8]);
        var restored = await Created(await server.Http.PostAsync($"/api/snapshots/{snap.GetProperty("snapshotId").GetString()}/restore", null));
        Assert.Equal(snap.GetProperty("frameIndex").GetInt64(), restored.FrameIndex);
        var replay = await Created(await server.Http.PostAsync($"/api/sessions/{info.Id}/replay", null));
        Assert.Equal(0, replay.FrameIndex);

        await using var forkLog = await FrameLog.Start(server, fork.Id);
        await using var restoredLog = await FrameLog.Start(server, restored.Id);
        await using var replayLog = await FrameLog.Start(server, replay.Id);
        foreach (var id in new[] { info.Id, fork.Id, restored.Id }) await Act(server, id, "strafe-left");
        await source.WaitForFrame(restored.FrameIndex + 12, Bound);
        await forkLog.WaitForFrame(fork.FrameIndex + 12, Bound);
        await restoredLog.WaitForFrame(restored.FrameIndex + 12, Bound);
        await replayLog.WaitForFrame(restored.FrameIndex + 12, Bound);

        var sourceTicks = await FramesAreTheTruth(server, info.Id, source);
        foreach (var (branch, log, from) in new[] { (fork, forkLog, fork.FrameIndex), (restored, restoredLog, restored.FrameIndex), (replay, replayLog, restored.FrameIndex) })
        {
            var ticks = await FramesAreTheTruth(server, branch.Id, log);
            Assert.Equal(sourceTicks[..(int)from], ticks[..(int)from]);
        }
        // the replay redraws the source's own frames, hash for hash, while it re-applies the source's log
        var drawn = source.Frames.Where(f => f.Index <= restored.FrameIndex).ToDictionary(f => f.Index, f => f.Sha256);
        var redrawn = replayLog.Frames.Where(f => drawn.ContainsKey(f.Index)).ToArray();
        Assert.NotEmpty(redrawn);
        Assert.All(redrawn, f => Assert.Equal(drawn[f.Index], f.Sha256));

        var gif = await server.Http.GetByteArrayAsync($"/api/sessions/{info.Id}/recording?format=gif&scale=1");
        Assert.Equal("GIF89a"u8.ToArray(), gif[..6]);

        var provenance = await server.Http.GetFromJsonAsync<JsonElement>($"/api/sessions/{info.Id}/provenance");
        Assert.Equal(info.ModelHash, provenance.GetProperty("modelHash").GetString());
        Assert.Equal(3, provenance.GetProperty("seed").GetInt32());
        Assert.Equal(["turn-left", "strafe-left"], provenance.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrEmpty(provenance.GetProperty("codeVersion").GetString()));

        var badFormat = await server.Http.GetAsync($"/api/sessions/{info.Id}/recording?format=avi");
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
    }

    [Theory]
    [InlineData("/api/sessions", "{\"model\":", "request body: not valid JSON at line 1, byte 10, in field 'model'")]
    [InlineData("/api/sessions", "[]", "request body: expected a JSON object with fields model, world, seed, startImage, clock, found an array")]
    [InlineData("/api/sessions", "{\"seed\":\"x\"}", "request body: field 'seed': expected an integer, found a string")]
    [InlineData("/api/sessions", "{\"world\":1.5}", "request body: field 'world': expected an integer, found 1.5")]
    [InlineData("/api/sessions", "{\"model\":7}", "request body: field 'model': expected a string, found 7")]
    [InlineData("/api/sessions/{id}/action", "{\"index\":\"one\"}", "request body: expected {\"action\": [0.3, -0.7]}, {\"action\": \"forward\"} or {\"action\": 1}, found no field 'action'")]
    [InlineData("/api/sessions/{id}/action", "{\"action\":{\"x\":1}}", "action: expected an array of numbers, a name or an index, found Object")]
    [InlineData("/api/sessions/{id}/action", "{\"action\":[1,\"a\"]}", "action[1]: expected a number, found String")]
    [InlineData("/api/sessions/{id}/action", "\"forward\"", "request body: expected a JSON object with fields action, found a string")]
    [InlineData("/api/sessions/{id}/action", "", "request body: expected {\"action\": [0.3, -0.7]}, {\"action\": \"forward\"} or {\"action\": 1}, found none")]
    public async Task Malformed_bodies_get_400_with_one_line_naming_the_field(string path, string body, string error)
    {
        await using var server = await RunningServer.Start();
        var session = await server.CreateSession();
        var response = await server.Http.PostAsync(path.Replace("{id}", session.Id, StringComparison.Ordinal), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.StartsWith(error, message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Theory]
    [InlineData("plain text, no image at all", "startImage: expected a PNG, found 27 bytes in no image format known here")]
    [InlineData("GIF87a, then nothing a GIF needs", "startImage: expected a readable PNG, found damaged image data")]
    public async Task A_start_image_that_is_not_a_png_gets_one_line(string bytes, string error)
    {
        await using var server = await RunningServer.Start();
        var response = await server.Http.PostAsJsonAsync("/api/sessions", new { model = "truth-maze", startImage = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(bytes)) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.StartsWith(error, message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public async Task Stream_refuses_a_foreign_origin()
    {
        await using var server = await RunningServer.Start();
        var info = await server.CreateSession();
        await Assert.ThrowsAnyAsync<WebSocketException>(() => server.Connect(info.Id, origin: "http://evil.example"));
        using var same = await server.Connect(info.Id, origin: server.Url);
        Assert.Equal(WebSocketState.Open, same.State);
    }

    [Fact]
    public async Task Idle_sessions_are_removed()
    {
        await using var server = await RunningServer.Start(new ServerOptions { IdleTimeout = TimeSpan.FromMilliseconds(200) });
        var info = await server.CreateSession();
        for (var i = 0; i < 200; i++)
        {
            if ((await server.Http.GetAsync($"/api/sessions/{info.Id}")).StatusCode == HttpStatusCode.NotFound) return;
            await Task.Delay(50);
        }
        Assert.Fail("the idle session was never removed");
    }

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static async Task Act(RunningServer server, string id, string action) =>
        (await server.Http.PostAsJsonAsync($"/api/sessions/{id}/action", new { action })).EnsureSuccessStatusCode();

    private static async Task<SessionInfo> Created(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SessionInfo>(RunningServer.Json))!;
    }

    /// <summary>Checks every frame the client received against the truth maze replayed offline under the session's own log; returns the log.</summary>
    private static async Task<ActionVector[]> FramesAreTheTruth(RunningServer server, string id, FrameLog log)
    {
        var frames = log.Frames;   // before the log: frames received later may be past its end
        var provenance = await server.Http.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/provenance");
        var ticks = provenance.GetProperty("tickActions").Deserialize<ActionVector[]>()!;
        using var truth = new EnvironmentSimulator("maze");
        var start = new SessionStart(provenance.GetProperty("world").GetInt32(), provenance.GetProperty("seed").GetInt32());
        var replayed = SessionReplay.Frames(truth, truth.IdentityHash, start, ticks[..(int)frames[^1].Index], new EnvironmentContext());
        Assert.All(frames, f => Assert.True(Checksums.Sha256(replayed[(int)f.Index]) == f.Sha256, $"session {id}: frame {f.Index} is not the truth under its actions"));
        return ticks;
    }
}
