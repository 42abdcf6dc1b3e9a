using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Orrery.Core.Errors;

namespace Orrery.Server.Tests.Api;

public sealed class SessionApiTests
{
    [Fact]
    public async Task Models_list_the_truth_and_checkpoint_folders_only()
    {
        var models = Path.Combine(Path.GetTempPath(), $"orrery-models-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(models, "maze-a"));
        File.WriteAllText(Path.Combine(models, "maze-a", "manifest.json"), "{}");
        Directory.CreateDirectory(Path.Combine(models, "not-a-model"));
        try
        {
            await using var server = await RunningServer.Start(new ServerOptions { ModelsDir = models });
            var list = await server.Http.GetFromJsonAsync<JsonElement>("/api/models");
            Assert.Equal(["truth", "maze-a"], list.EnumerateArray().Select(m => m.GetProperty("name").GetString()));
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

    [Fact]
    public async Task Fork_snapshot_restore_replay_recording_and_provenance_work()
    {
        await using var server = await RunningServer.Start();
        var info = await server.CreateSession(world: 1, seed: 3);
        Assert.Equal(24, info.Fps);
        Assert.Contains("turn-left", info.Actions);
        (await server.Http.PostAsJsonAsync($"/api/sessions/{info.Id}/action", new { action = "turn-left" })).EnsureSuccessStatusCode();
        await WaitForFrames(server, info.Id, 5);

        var fork = await (await server.Http.PostAsync($"/api/sessions/{info.Id}/fork", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(info.Id, fork.GetProperty("id").GetString());
        Assert.True(fork.GetProperty("frameIndex").GetInt64() >= 5);

        var snap = await (await server.Http.PostAsync($"/api/sessions/{info.Id}/snapshot", null)).Content.ReadFromJsonAsync<JsonElement>();
        var snapshotId = snap.GetProperty("snapshotId").GetString()!;
        var file = await server.Http.GetByteArrayAsync(snap.GetProperty("download").GetString());
        Assert.Equal("ORRSNAP1"u8.ToArray(), file[..8]);
        var restored = await server.Http.PostAsync($"/api/snapshots/{snapshotId}/restore", null);
        Assert.Equal(HttpStatusCode.Created, restored.StatusCode);
        Assert.Equal(snap.GetProperty("frameIndex").GetInt64(), (await restored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("frameIndex").GetInt64());

        var replay = await server.Http.PostAsync($"/api/sessions/{info.Id}/replay", null);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);

        var gif = await server.Http.GetByteArrayAsync($"/api/sessions/{info.Id}/recording?format=gif&scale=1");
        Assert.Equal("GIF89a"u8.ToArray(), gif[..6]);

        var provenance = await server.Http.GetFromJsonAsync<JsonElement>($"/api/sessions/{info.Id}/provenance");
        Assert.Equal(info.ModelHash, provenance.GetProperty("modelHash").GetString());
        Assert.Equal(3, provenance.GetProperty("seed").GetInt32());
        var action = provenance.GetProperty("actions").EnumerateArray().Single();
        Assert.Equal("turn-left", action.GetProperty("name").GetString());
        Assert.True(provenance.GetProperty("tickActions").GetArrayLength() >= 5);
        Assert.False(string.IsNullOrEmpty(provenance.GetProperty("codeVersion").GetString()));

        var badFormat = await server.Http.GetAsync($"/api/sessions/{info.Id}/recording?format=avi");
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
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

    private static async Task WaitForFrames(RunningServer server, string id, long frames)
    {
        for (var i = 0; i < 400; i++)
        {
            var info = await server.Http.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
            if (info.GetProperty("frameIndex").GetInt64() >= frames) return;
            await Task.Delay(25);
        }
        Assert.Fail($"session {id} did not reach frame {frames}");
    }
}
