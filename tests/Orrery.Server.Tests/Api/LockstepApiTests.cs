using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orrery.Environments;
using Orrery.Environments.Push;

namespace Orrery.Server.Tests.Api;

/// <summary>Sessions a robot policy drives: one frame per POST .../step, on the ground truth of push.</summary>
public sealed class LockstepApiTests
{
    private static async Task<string> CreateLockstep(RunningServer server, int seed)
    {
        var created = await server.Http.PostAsJsonAsync("/api/sessions", new { model = "truth-push", clock = "lockstep", seed });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var info = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("lockstep", info.GetProperty("clock").GetString());
        return info.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_step_answers_with_the_frame_and_named_streams_the_true_simulator_computes()
    {
        await using var server = await RunningServer.Start();
        var id = await CreateLockstep(server, seed: 4);
        var actions = new[] { new[] { 0.3f, -0.5f }, [0.31f, -0.45f], [-0.2f, 0.6f] };
        using var env = (PushEnvironment)EnvironmentRegistry.Create("push", world: 0);
        env.Reset(4);
        JsonElement answer = default;
        foreach (var action in actions)
        {
            var truth = env.Step(Core.Spaces.ActionVector.Continuous(action));
            var response = await server.Http.PostAsJsonAsync($"/api/sessions/{id}/step", new { action });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            var state = answer.GetProperty("streams").GetProperty("state");
            Assert.Equal(env.Spec.Stream("state")!.Fields, state.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
            Assert.Equal(truth.Observation.Streams["state"], state.GetProperty("values").EnumerateArray().Select(v => v.GetSingle()));
            Assert.Equal(truth.Observation.Streams["reward"][0], answer.GetProperty("reward").GetSingle());
            Assert.Equal(Convert.ToBase64String(Data.Preview.PngWriter.Encode(truth.Observation.Frame, 64, 64, 3)), answer.GetProperty("png").GetString());
        }
        Assert.Equal(3, answer.GetProperty("frameIndex").GetInt64());
        Assert.False(answer.GetProperty("done").GetBoolean());
        Assert.Equal(0f, answer.GetProperty("success").GetSingle());
    }

    [Fact]
    public async Task Bad_actions_and_the_wrong_clock_get_json_errors_and_the_server_stays_up()
    {
        await using var server = await RunningServer.Start();
        var id = await CreateLockstep(server, seed: 1);
        async Task<(HttpStatusCode Status, string Error)> Post(string path, object body)
        {
            var response = await server.Http.PostAsJsonAsync(path, body);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await Post($"/api/sessions/{id}/step", new { action = new[] { 0.1f } })).Status);
        var outside = await Post($"/api/sessions/{id}/step", new { action = new[] { 1.5f, 0f } });
        Assert.Equal(HttpStatusCode.BadRequest, outside.Status);
        Assert.Contains("1.5", outside.Error);
        Assert.Equal(HttpStatusCode.Conflict, (await Post($"/api/sessions/{id}/action", new { action = new[] { 0.1f, 0.1f } })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/api/sessions", new { model = "truth-push", clock = "sometimes" })).Status);
        var realTime = await (await server.Http.PostAsJsonAsync("/api/sessions", new { model = "truth-push" })).Content.ReadFromJsonAsync<JsonElement>();
        var conflict = await Post($"/api/sessions/{realTime.GetProperty("id").GetString()}/step", new { action = new[] { 0.1f, 0.1f } });
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Contains("real-time", conflict.Error);
        var still = await server.Http.PostAsJsonAsync($"/api/sessions/{id}/step", new { action = new[] { 0.1f, 0.1f } });
        Assert.Equal(1, (await still.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("frameIndex").GetInt64());
    }
}
