using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orrery.Core.Spaces;

namespace Orrery.Server.Tests.Api;

/// <summary>
/// Actions arrive the same way on REST and the WebSocket: JSON (an array of numbers, a discrete name, an index) or,
/// on the WebSocket, a binary message of little-endian float32 values. An action outside the space is refused, never
/// clipped: one clear line, and the session and its stream live on under the action latched before.
/// </summary>
public sealed class ActionInputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly ActionVector Torques = ActionVector.Continuous(0.3f, -0.7f);

    /// <summary>Actions a box of two torques in [-1, 1] refuses, as the JSON value of "action", with words their error must hold.</summary>
    public static TheoryData<string, string> BadBoxActions => new()
    {
        { "[0.3]", "expected 2 numbers" },
        { "[0.3, -0.7, 0]", "expected 2 numbers" },
        { "0.3", "expected 2 numbers" },
        { "\"NaN, 0\"", "expected a finite number" },
        { "\"0, -Infinity\"", "expected a finite number" },
        { "[1e39, 0]", "expected a finite number" },
        { "[1.5, 0]", "outside [-1, 1]" },
        { "[0, -1.0001]", "outside [-1, 1]" },
        { "\"forward\"", "is not a number" },
        { "[0.3, \"x\"]", "action[1]: expected a number" },
    };

    [Theory]
    [MemberData(nameof(BadBoxActions))]
    public async Task A_bad_box_action_over_rest_gets_400_with_one_line_and_the_session_lives_on(string action, string error)
    {
        await using var server = await RunningServer.Start();
        var info = await server.CreateSession(model: "truth-reach");
        Assert.Equal(["shoulder", "elbow"], info.Actions);
        Assert.Equal(ActionKind.Box, info.ActionSpace.Kind);
        var refused = await PostAction(server, info.Id, action);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.Contains(error, message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);

        var taken = await PostAction(server, info.Id, "[0.3, -0.7]");
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(Torques, (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("action").Deserialize<ActionVector>());
        var provenance = await server.Http.GetFromJsonAsync<JsonElement>($"/api/sessions/{info.Id}/provenance");
        Assert.Equal([Torques], provenance.GetProperty("actions").EnumerateArray().Select(e => e.GetProperty("action").Deserialize<ActionVector>()));
    }

    /// <summary>Every bad action, JSON or binary, gets its own {error} text message; the stream goes on, and the next good action is applied.</summary>
    [Fact]
    public async Task Bad_box_actions_over_the_websocket_get_one_error_each_and_the_stream_continues()
    {
        await using var server = await RunningServer.Start();
        var info = await server.CreateSession(model: "truth-reach");
        await using var log = await FrameLog.Start(server, info.Id);
        await log.WaitForFrame(0, Bound);
        using var cts = new CancellationTokenSource(Bound);
        var sent = 0;
        foreach (var (action, error) in BadBoxActions.Select(row => ((string)row[0], (string)row[1])))
        {
            await WireClient.SendText(log.Socket, $"{{\"action\":{action}}}", cts.Token);
            AssertError(await log.WaitForText(++sent, Bound), error);
        }
        float[][] badFloats = [[0.3f], [0.3f, -0.7f, 0], [float.NaN, 0], [0, float.PositiveInfinity], [float.NegativeInfinity, 0], [1.5f, 0], [0, -2]];
        string[] floatErrors = ["expected 2 numbers", "expected 2 numbers", "expected a finite number", "expected a finite number", "expected a finite number", "outside [-1, 1]", "outside [-1, 1]"];
        for (var i = 0; i < badFloats.Length; i++)
        {
            await WireClient.SendFloats(log.Socket, badFloats[i], cts.Token);
            AssertError(await log.WaitForText(++sent, Bound), floatErrors[i]);
        }
        await log.Socket.SendAsync(new byte[7], System.Net.WebSockets.WebSocketMessageType.Binary, true, cts.Token);   // not whole float32s
        AssertError(await log.WaitForText(++sent, Bound), "float32");

        // nothing bad was latched: the session still applies its no-op, then the good action; frames keep coming
        var before = log.Frames[^1].Index;
        Assert.All(log.Frames.Skip(1), f => Assert.Equal(ActionVector.Continuous(0, 0), f.Action));
        await WireClient.SendText(log.Socket, "{\"action\":[0.3,-0.7]}", cts.Token);
        var first = await log.WaitForAction(Torques, Bound);
        Assert.True(first.Index > before);
        await log.WaitForFrame(first.Index + 5, Bound);
        Assert.Equal(sent, log.Texts.Count);
    }

    /// <summary>The discrete maze still takes names, indices, one-element arrays and one float32, on REST and the WebSocket.</summary>
    [Fact]
    public async Task A_maze_session_takes_names_indices_arrays_and_float32_actions()
    {
        await using var server = await RunningServer.Start();
        var info = await server.CreateSession();
        Assert.Equal(ActionKind.Discrete, info.ActionSpace.Kind);
        await using var log = await FrameLog.Start(server, info.Id);
        await log.WaitForFrame(0, Bound);
        using var cts = new CancellationTokenSource(Bound);
        (Func<Task> Send, int Index)[] sends =
        [
            (() => WireClient.SendText(log.Socket, "{\"action\":\"forward\"}", cts.Token), 1),
            (() => WireClient.SendText(log.Socket, "{\"action\":[3]}", cts.Token), 3),
            (() => WireClient.SendText(log.Socket, "{\"action\":4}", cts.Token), 4),
            (() => WireClient.SendFloats(log.Socket, [2f], cts.Token), 2),
            (() => PostAction(server, info.Id, "\"Strafe-Left\""), 5),
            (() => PostAction(server, info.Id, "[1]"), 1),
            (() => PostAction(server, info.Id, "6"), 6),
        ];
        foreach (var (send, index) in sends)
        {
            var from = log.Frames[^1].Index;
            await send();
            var frame = await log.WaitFor(f => f.Index > from && f.Action == ActionVector.Discrete(index), $"frame made under [{index}]", Bound);
            Assert.True(frame.Index > from);
        }
        Assert.Empty(log.Texts);
        var provenance = await server.Http.GetFromJsonAsync<JsonElement>($"/api/sessions/{info.Id}/provenance");
        Assert.Equal(["forward", "turn-left", "turn-right", "back", "strafe-left", "forward", "strafe-right"],
                     provenance.GetProperty("actions").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }

    private static Task<HttpResponseMessage> PostAction(RunningServer server, string id, string action) =>
        server.Http.PostAsync($"/api/sessions/{id}/action", new StringContent($"{{\"action\":{action}}}", Encoding.UTF8, "application/json"));

    private static void AssertError(string text, string expected)
    {
        var message = JsonDocument.Parse(text).RootElement.GetProperty("error").GetString()!;
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }
}
