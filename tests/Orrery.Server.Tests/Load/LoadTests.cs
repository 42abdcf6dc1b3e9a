using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Xunit.Abstractions;

namespace Orrery.Server.Tests.Load;

[Trait("Category", "Load")]
public sealed class LoadTests(ITestOutputHelper output)
{
    /// <summary>Every client, not just one, gets a live feed: frames with strictly increasing indices, and no errors.</summary>
    [Fact]
    public async Task Four_clients_at_24_Hz_each_receive_increasing_frames_without_errors()
    {
        await using var server = await RunningServer.Start();
        var clients = new List<FrameLog>();
        for (var i = 0; i < 4; i++) clients.Add(await FrameLog.Start(server, (await server.CreateSession(world: i, seed: i)).Id));
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            string[] actions = ["forward", "turn-left", "turn-right", "strafe-left"];
            for (var i = 0; i < 48; i++)   // two seconds of input at 24 Hz, each client its own action
            {
                await Task.WhenAll(clients.Select((c, k) => WireClient.SendText(c.Socket, $"{{\"action\":\"{actions[(i / 12 + k) % actions.Length]}\"}}", cts.Token)));
                await Task.Delay(TimeSpan.FromSeconds(1 / 24.0));
            }
            foreach (var c in clients) await c.WaitForFrame(48, TimeSpan.FromSeconds(30));
            for (var k = 0; k < clients.Count; k++)
            {
                var indices = clients[k].Frames.Select(f => f.Index).ToArray();
                output.WriteLine($"client {k}: {indices.Length} frames, {indices[0]}..{indices[^1]}");
                Assert.True(indices.Length >= 24, $"client {k}: only {indices.Length} frames while its session made {indices[^1]}");
                Assert.True(indices.Zip(indices.Skip(1)).All(p => p.Second > p.First), $"client {k}: frame indices not strictly increasing: {string.Join(",", indices)}");
                Assert.Empty(clients[k].Texts);
            }
        }
        finally
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task One_session_past_the_limit_gets_429()
    {
        await using var server = await RunningServer.Start(new ServerOptions { MaxSessions = 2 });
        await server.CreateSession();
        var second = await server.CreateSession();
        var third = await server.Http.PostAsJsonAsync("/api/sessions", new { model = "truth-maze" });
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("limit", (await third.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var fork = await server.Http.PostAsync($"/api/sessions/{second.Id}/fork", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, fork.StatusCode);
        await server.Http.DeleteAsync($"/api/sessions/{second.Id}");
        Assert.Equal(HttpStatusCode.Created, (await server.Http.PostAsJsonAsync("/api/sessions", new { model = "truth-maze" })).StatusCode);
    }

    [Fact]
    public async Task Fuzzed_messages_get_errors_and_the_session_and_server_live_on()
    {
        await using var server = await RunningServer.Start();
        var info = await server.CreateSession();
        using var socket = await server.Connect(info.Id);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var rng = new Random(1);
        var bad = new List<(byte[] Bytes, WebSocketMessageType Type)>
        {
            ("{\"action\":"u8.ToArray(), WebSocketMessageType.Text),
            ("not json at all"u8.ToArray(), WebSocketMessageType.Text),
            ("{\"action\":\"jump\"}"u8.ToArray(), WebSocketMessageType.Text),
            ("{\"action\":99}"u8.ToArray(), WebSocketMessageType.Text),
            ("{\"action\":-1}"u8.ToArray(), WebSocketMessageType.Text),
            ("{\"action\":1.5}"u8.ToArray(), WebSocketMessageType.Text),
            ("{\"action\":[1,2]}"u8.ToArray(), WebSocketMessageType.Text),
            ("{\"action\":[1e39]}"u8.ToArray(), WebSocketMessageType.Text),
            (new byte[] { 0, 0, 0x80, 0x3F, 0, 0, 0, 0x40 }, WebSocketMessageType.Binary),   // [1, 2] as float32: two numbers for a discrete space
            ("[1,2,3]"u8.ToArray(), WebSocketMessageType.Text),
            ("{}"u8.ToArray(), WebSocketMessageType.Text),
            (System.Text.Encoding.UTF8.GetBytes("{\"action\":\"" + new string('x', 10_000) + "\"}"), WebSocketMessageType.Text),
            (new byte[] { 200 }, WebSocketMessageType.Binary),
        };
        for (var i = 0; i < 10; i++)
        {
            var garbage = new byte[rng.Next(2, 9000)];
            rng.NextBytes(garbage);
            bad.Add((garbage, WebSocketMessageType.Binary));
        }
        foreach (var (bytes, type) in bad)
        {
            await socket.SendAsync(bytes, type, true, cts.Token);
            var reply = JsonDocument.Parse(await WireClient.NextText(socket, cts.Token)).RootElement;
            Assert.True(reply.TryGetProperty("error", out var error), reply.ToString());
            output.WriteLine($"{bytes.Length} bytes {type}: {error.GetString()}");
        }
        // the same socket still works: a good action, pings (one whose time no double holds), and frames keep coming
        await WireClient.SendText(socket, "{\"action\":\"forward\"}", cts.Token);
        await WireClient.SendText(socket, "{\"type\":\"ping\",\"t\":1e400}", cts.Token);
        await WireClient.SendText(socket, "{\"type\":\"ping\",\"t\":42}", cts.Token);
        foreach (var t in new[] { 0, 42 })
        {
            var pong = JsonDocument.Parse(await WireClient.NextText(socket, cts.Token)).RootElement;
            Assert.Equal("pong", pong.GetProperty("type").GetString());
            Assert.Equal(t, pong.GetProperty("t").GetDouble());
        }
        var frame = await WireClient.Receive(socket, cts.Token);
        Assert.NotNull(frame?.Frame);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync($"/api/sessions/{info.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/api/health")).StatusCode);
    }
}
