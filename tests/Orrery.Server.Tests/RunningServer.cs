using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orrery.Runtime.Scheduling;
using Orrery.Server.Api;

namespace Orrery.Server.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 and a free port, with a client for it; disposed after the test.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication app;

    private RunningServer(WebApplication app, string url, ServerOptions options)
    {
        this.app = app;
        Url = url;
        Options = options;
        Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        if (options.ApiKey is { } key) Http.DefaultRequestHeaders.Add("X-Api-Key", key);
    }

    public string Url { get; }

    public ServerOptions Options { get; }

    public HttpClient Http { get; }

    /// <summary>The server's inference thread, for tests that must see or hold its work queue.</summary>
    public SessionEngine Engine => app.Services.GetRequiredService<SessionEngine>();

    public static async Task<RunningServer> Start(ServerOptions? options = null)
    {
        options ??= new ServerOptions();
        options = options with
        {
            Port = 0,
            SnapshotsDir = options.SnapshotsDir ?? Path.Combine(Path.GetTempPath(), $"orrery-server-tests-{Guid.NewGuid():N}"),
            ModelsDir = options.ModelsDir == "models" ? Path.Combine(Path.GetTempPath(), $"orrery-models-{Guid.NewGuid():N}") : options.ModelsDir,
        };
        var app = OrreryServer.Build(options);
        await app.StartAsync();
        return new RunningServer(app, OrreryServer.Url(app), options);
    }

    public async Task<SessionInfo> CreateSession(int world = 0, int seed = 0, string model = "truth-maze")
    {
        var response = await Http.PostAsJsonAsync("/api/sessions", new { model, world, seed });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SessionInfo>(Json))!;
    }

    /// <summary>Opens a session's stream WebSocket (with the API key when one is set).</summary>
    public async Task<ClientWebSocket> Connect(string sessionId, string? origin = null)
    {
        var socket = new ClientWebSocket();
        if (origin is not null) socket.Options.SetRequestHeader("Origin", origin);
        var uri = new UriBuilder(Url) { Scheme = "ws", Path = $"/api/sessions/{sessionId}/stream" };
        if (Options.ApiKey is { } key) uri.Query = $"key={Uri.EscapeDataString(key)}";
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri.Uri, cts.Token);
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        if (Options.SnapshotsDir is { } dir && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
