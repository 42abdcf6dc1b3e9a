using System.Diagnostics;
using System.Net.WebSockets;

namespace Orrery.Server.Tests.Load;

/// <summary>
/// N WebSocket clients, one session each, sending an action at 24 Hz for a fixed time, bounded in count and time,
/// on loopback only. Measures received fps and frame latency (server timestamp to arrival; same machine clock).
/// </summary>
public static class SessionLoadProbe
{
    public sealed record Result(int Clients, double Seconds, long Frames, double FpsPerSession, double P50Ms, double P99Ms, int Errors, long SkippedTicks);

    public static async Task<Result> Run(RunningServer server, int clients, TimeSpan duration, string model = "truth")
    {
        var sessions = new List<string>();
        for (var i = 0; i < clients; i++) sessions.Add((await server.CreateSession(world: i % 4, seed: i, model: model)).Id);
        var latencies = new List<double>[clients];
        var frames = new long[clients];
        var errors = new int[clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            latencies[c] = [];
            using var socket = await server.Connect(sessions[c]);
            using var cts = new CancellationTokenSource(duration);
            var receiver = Task.Run(async () =>
            {
                try
                {
                    while (!cts.IsCancellationRequested)
                    {
                        var m = await WireClient.Receive(socket, cts.Token);
                        if (m is null) break;
                        if (m.Text is not null) { errors[c]++; continue; }
                        frames[c]++;
                        latencies[c].Add((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds - m.Frame!.Value.ServerUnixMs);
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
                try { await WireClient.SendText(socket, $"{{\"action\":\"{actions[sent++ / 12 % actions.Length]}\"}}", cts.Token); }
                catch (OperationCanceledException) { break; }
                catch (WebSocketException) when (cts.IsCancellationRequested) { break; }   // the receiver's cancelled read aborted it
                var wait = TimeSpan.FromSeconds(sent / 24.0) - next.Elapsed;
                if (wait > TimeSpan.Zero)
                    try { await Task.Delay(wait, cts.Token); } catch (OperationCanceledException) { break; }
            }
            await receiver;
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        long skipped = 0;
        foreach (var id in sessions)
        {
            var info = await server.Http.GetAsync($"/api/sessions/{id}");
            var json = System.Text.Json.JsonDocument.Parse(await info.Content.ReadAsStringAsync());
            skipped += json.RootElement.GetProperty("skippedTicks").GetInt64();
            await server.Http.DeleteAsync($"/api/sessions/{id}");
        }
        return new Result(clients, seconds, frames.Sum(), frames.Sum() / seconds / clients,
                          Percentile(all, 0.50), Percentile(all, 0.99), errors.Sum(), skipped);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
