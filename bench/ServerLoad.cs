// Server under load: 1, 2, 4, 8 live sessions, each driven by its own WebSocket client sending an action at 24 Hz
// for SECONDS (after a 1 s warm-up), on 127.0.0.1. Prints the table in docs/api.md ("Load"):
//   dotnet run -c Release bench/ServerLoad.cs -- [MODEL=truth-maze] [MODELS_DIR=models] [SECONDS=5]
#:project ../src/Orrery.Server/Orrery.Server.csproj
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Orrery.Server;
using Orrery.Server.Streaming;

var model = args.Length > 0 ? args[0] : "truth-maze";
var modelsDir = args.Length > 1 ? args[1] : "models";
var seconds = args.Length > 2 ? double.Parse(args[2]) : 5;
var snapshots = Path.Combine(Path.GetTempPath(), $"orrery-bench-snapshots-{Guid.NewGuid():N}");
var app = OrreryServer.Build(new ServerOptions { Port = 0, ModelsDir = modelsDir, DefaultModel = model, MaxSessions = 8, SnapshotsDir = snapshots });
await app.StartAsync();
var url = OrreryServer.Url(app);
using var http = new HttpClient { BaseAddress = new Uri(url) };
await Probe(1, TimeSpan.FromSeconds(1));   // warm-up: JIT, first allocations, the model's load
Console.WriteLine($"model {model}; sessions | fps/session | p50 ms | p99 ms | skipped ticks | errors");
foreach (var n in new[] { 1, 2, 4, 8 })
{
    var r = await Probe(n, TimeSpan.FromSeconds(seconds));
    Console.WriteLine($"{n} | {r.Fps:0.0} | {r.P50:0.0} | {r.P99:0.0} | {r.Skipped} | {r.Errors}");
}
await app.StopAsync();
await app.DisposeAsync();
if (Directory.Exists(snapshots)) Directory.Delete(snapshots, recursive: true);

// fps counts frames received over the whole run including connection set-up; latency is the frame's server time to
// its arrival (one machine, one clock)
async Task<(double Fps, double P50, double P99, long Skipped, int Errors)> Probe(int clients, TimeSpan duration)
{
    var sessions = new List<string>();
    for (var i = 0; i < clients; i++)
    {
        var created = await http.PostAsJsonAsync("/api/sessions", new { model, world = i % 4, seed = i });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        sessions.Add(created.IsSuccessStatusCode ? body.GetProperty("id").GetString()! : throw new InvalidOperationException(body.ToString()));
    }
    var latencies = new List<double>[clients];
    var frames = new long[clients];
    var errors = new int[clients];
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
    {
        latencies[c] = [];
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(url) { Scheme = "ws", Path = $"/api/sessions/{sessions[c]}/stream" }.Uri, CancellationToken.None);
        using var cts = new CancellationTokenSource(duration);
        var receiver = Task.Run(async () =>
        {
            var buffer = new byte[1 << 16];
            try
            {
                while (!cts.IsCancellationRequested)
                {
                    var length = 0;
                    ValueWebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(buffer.AsMemory(length), cts.Token);
                        length += result.Count;
                    } while (!result.EndOfMessage);
                    if (result.MessageType == WebSocketMessageType.Close) break;
                    if (result.MessageType == WebSocketMessageType.Text) { errors[c]++; continue; }
                    frames[c]++;
                    latencies[c].Add((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds - FrameHeader.Decode(buffer.AsSpan(0, length)).ServerUnixMs);
                }
            }
            catch (OperationCanceledException) { }
            catch (WebSocketException) when (cts.IsCancellationRequested) { }   // cancelling a receive aborts the socket
        });
        string[] actions = ["forward", "turn-left", "forward", "turn-right", "strafe-left", "back"];
        var sent = 0;
        var next = Stopwatch.StartNew();
        while (!cts.IsCancellationRequested && sent < (int)(duration.TotalSeconds * 24) + 1)
        {
            try { await socket.SendAsync(Encoding.UTF8.GetBytes($"{{\"action\":\"{actions[sent++ / 12 % actions.Length]}\"}}"), WebSocketMessageType.Text, true, cts.Token); }
            catch (OperationCanceledException) { break; }
            catch (WebSocketException) when (cts.IsCancellationRequested) { break; }   // the receiver's cancelled read aborted it
            var wait = TimeSpan.FromSeconds(sent / 24.0) - next.Elapsed;
            if (wait > TimeSpan.Zero)
                try { await Task.Delay(wait, cts.Token); } catch (OperationCanceledException) { break; }
        }
        await receiver;
    }));
    var elapsed = clock.Elapsed.TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    long skipped = 0;
    foreach (var id in sessions)
    {
        skipped += (await http.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}")).GetProperty("skippedTicks").GetInt64();
        await http.DeleteAsync($"/api/sessions/{id}");
    }
    return (frames.Sum() / elapsed / clients, Percentile(all, 0.50), Percentile(all, 0.99), skipped, errors.Sum());
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
