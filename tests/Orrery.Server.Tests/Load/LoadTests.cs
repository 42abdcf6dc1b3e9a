using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Xunit.Abstractions;

namespace Orrery.Server.Tests.Load;

[Trait("Category", "Load")]
public sealed class LoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Four_clients_at_24_Hz_receive_frames_without_errors()
    {
        await using var server = await RunningServer.Start();
        var r = await SessionLoadProbe.Run(server, clients: 4, TimeSpan.FromSeconds(2));
        output.WriteLine($"{r.Clients} clients, {r.Seconds:0.0} s: {r.FpsPerSession:0.0} fps/session, latency p50 {r.P50Ms:0.0} ms, p99 {r.P99Ms:0.0} ms, skipped ticks {r.SkippedTicks}");
        Assert.True(r.Frames > 0, "no frames received");
        Assert.Equal(0, r.Errors);
    }

    [Fact]
    public async Task One_session_past_the_limit_gets_429()
    {
        await using var server = await RunningServer.Start(new ServerOptions { MaxSessions = 2 });
        await server.CreateSession();
        var second = await server.CreateSession();
        var third = await server.Http.PostAsJsonAsync("/api/sessions", new { model = "truth" });
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("limit", (await third.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var fork = await server.Http.PostAsync($"/api/sessions/{second.Id}/fork", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, fork.StatusCode);
        await server.Http.DeleteAsync($"/api/sessions/{second.Id}");
        Assert.Equal(HttpStatusCode.Created, (await server.Http.PostAsJsonAsync("/api/sessions", new { model = "truth" })).StatusCode);
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
        // the same socket still works: a good action, a ping, and frames keep coming
        await WireClient.SendText(socket, "{\"action\":\"forward\"}", cts.Token);
        await WireClient.SendText(socket, "{\"type\":\"ping\",\"t\":42}", cts.Token);
        var pong = JsonDocument.Parse(await WireClient.NextText(socket, cts.Token)).RootElement;
        Assert.Equal("pong", pong.GetProperty("type").GetString());
        var frame = await WireClient.Receive(socket, cts.Token);
        Assert.NotNull(frame?.Frame);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync($"/api/sessions/{info.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/api/health")).StatusCode);
    }

    /// <summary>
    /// The measurement behind docs/api.md's load table: 1, 2, 4, 8 sessions for 5 s each. Runs only when asked:
    /// ORRERY_LOAD_BENCH=1 dotnet test tests/Orrery.Server.Tests -c Release --filter Category=LoadBench --logger "console;verbosity=detailed"
    /// </summary>
    [Fact]
    [Trait("Category", "LoadBench")]
    public async Task Bench_sessions_1_2_4_8()
    {
        if (Environment.GetEnvironmentVariable("ORRERY_LOAD_BENCH") != "1")
        {
            output.WriteLine("set ORRERY_LOAD_BENCH=1 to run the load measurement");
            return;
        }
        var model = Environment.GetEnvironmentVariable("ORRERY_LOAD_MODEL") ?? "truth";
        var models = Environment.GetEnvironmentVariable("ORRERY_LOAD_MODELS_DIR") ?? "models";
        await using var server = await RunningServer.Start(new ServerOptions { ModelsDir = models, DefaultModel = model, MaxSessions = 8 });
        await SessionLoadProbe.Run(server, 1, TimeSpan.FromSeconds(1), model);   // warm-up: JIT and first allocations
        output.WriteLine($"model {model}; sessions | fps/session | p50 ms | p99 ms | skipped ticks | errors");
        foreach (var n in new[] { 1, 2, 4, 8 })
        {
            var r = await SessionLoadProbe.Run(server, n, TimeSpan.FromSeconds(5), model);
            output.WriteLine($"{n} | {r.FpsPerSession:0.0} | {r.P50Ms:0.0} | {r.P99Ms:0.0} | {r.SkippedTicks} | {r.Errors}");
            Assert.Equal(0, r.Errors);
        }
    }
}
