using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orrery.Data.Preview;
using Orrery.Runtime.Recording;
using Orrery.Runtime.Sessions;
using Orrery.Server.Hosting;
using Orrery.Server.Streaming;

namespace Orrery.Server.Api;

/// <summary>The REST and WebSocket routes under /api (documented in docs/api.md).</summary>
public static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ServerOptions options)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/health", (SessionRegistry registry) => Results.Ok(new
        {
            ok = true,
            sessions = registry.Count,
            maxSessions = options.MaxSessions,
            engine = registry.Engine.Stats,
            version = Core.Versioning.CodeVersion.GitCommit,
        }));

        api.MapGet("/config", (ModelCatalog catalog) => Results.Ok(new { defaultModel = catalog.DefaultName, defaultWorld = options.DefaultWorld, defaultSeed = options.DefaultSeed, maxSessions = options.MaxSessions }));

        api.MapGet("/models", (ModelCatalog catalog) => Results.Ok(catalog.List()));

        api.MapGet("/sessions", (SessionRegistry registry) => Results.Ok(registry.Engine.Sessions.Select(SessionInfo.Of)));

        api.MapPost("/sessions", async (HttpRequest request, ModelCatalog catalog, SessionRegistry registry) =>
        {
            var body = await JsonBody.Read<CreateSessionRequest>(request) ?? new CreateSessionRequest(null, null, null, null);
            var clock = body.ClockChoice();
            var simulator = await catalog.Resolve(body.Model);
            var start = new SessionStart(body.World ?? options.DefaultWorld, body.Seed ?? options.DefaultSeed,
                                         body.StartImage is { Length: > 0 } img ? StartImage.Decode(img, simulator.World.Observation) : null);
            var session = await registry.Add(() => registry.Engine.Start(simulator, start, new Runtime.Sessions.SessionOptions { Clock = clock }));
            return Results.Created($"/api/sessions/{session.Id}", SessionInfo.AsCreated(session));
        });

        api.MapGet("/sessions/{id}", (string id, SessionRegistry registry) => Results.Ok(SessionInfo.Of(registry.Get(id))));

        api.MapDelete("/sessions/{id}", async (string id, SessionRegistry registry) =>
        {
            await registry.Remove(registry.Get(id));
            return Results.NoContent();
        });

        api.MapPost("/sessions/{id}/action", async (string id, HttpRequest request, SessionRegistry registry) =>
        {
            var session = registry.Get(id);
            session.SetAction(ActionJson.Read(await RequiredAction(request), session.Actions));
            return Results.Ok(new { frameIndex = session.FrameIndex, action = session.LatestAction });
        });

        api.MapPost("/sessions/{id}/step", async (string id, HttpRequest request, SessionRegistry registry) =>
        {
            var session = registry.Get(id);
            var action = ActionJson.Read(await RequiredAction(request), session.Actions);
            var frame = await registry.Engine.Step(session, action);
            return Results.Ok(StepResponse.Of(frame, session.Simulator.World.Streams));
        });

        api.MapPost("/sessions/{id}/fork", async (string id, SessionRegistry registry) =>
        {
            var source = registry.Get(id);
            var fork = await registry.Add(() => registry.Engine.Fork(source));
            return Results.Created($"/api/sessions/{fork.Id}", SessionInfo.AsCreated(fork));
        });

        api.MapPost("/sessions/{id}/replay", async (string id, SessionRegistry registry) =>
        {
            var source = registry.Get(id);
            var replay = await registry.Add(() => registry.Engine.Replay(source));
            return Results.Created($"/api/sessions/{replay.Id}", SessionInfo.AsCreated(replay));
        });

        api.MapPost("/sessions/{id}/snapshot", async (string id, SessionRegistry registry) =>
        {
            var (snapshotId, info) = await registry.Snapshot(registry.Get(id));
            return Results.Ok(new { snapshotId, bytes = info.Bytes, frameIndex = info.FrameIndex, sha256 = info.Sha256, download = $"/api/snapshots/{snapshotId}" });
        });

        api.MapGet("/snapshots/{snapshotId}", (string snapshotId, SessionRegistry registry) =>
        {
            var path = registry.SnapshotPath(snapshotId);
            if (!File.Exists(path)) throw ApiProblem.NotFound($"no snapshot '{snapshotId}'");
            return Results.File(path, "application/octet-stream", $"orrery-{snapshotId}.orrsnap");
        });

        api.MapPost("/snapshots/{snapshotId}/restore", async (string snapshotId, SessionRegistry registry) =>
        {
            var session = await registry.Restore(snapshotId);
            return Results.Created($"/api/sessions/{session.Id}", SessionInfo.AsCreated(session));
        });

        api.MapGet("/sessions/{id}/frame.png", (string id, SessionRegistry registry) =>
        {
            var session = registry.Get(id);
            var frame = session.Latest;
            return Results.File(PngWriter.Encode(frame.Pixels, frame.Height, frame.Width, frame.Channels), "image/png");
        });

        api.MapGet("/sessions/{id}/latest", (string id, SessionRegistry registry) =>
        {
            var frame = registry.Get(id).Latest;
            return Results.Ok(new
            {
                frameIndex = frame.FrameIndex,
                action = frame.Action,
                streams = frame.Streams,
                width = frame.Width,
                height = frame.Height,
                channels = frame.Channels,
                png = Convert.ToBase64String(PngWriter.Encode(frame.Pixels, frame.Height, frame.Width, frame.Channels)),
            });
        });

        api.MapGet("/sessions/{id}/provenance", (string id, SessionRegistry registry) => Results.Ok(Provenance.Of(registry.Get(id))));

        api.MapGet("/sessions/{id}/recording", (string id, string? format, int? scale, SessionRegistry registry) =>
        {
            var session = registry.Get(id);
            var kind = (format ?? "gif").ToLowerInvariant();
            if (kind is not ("gif" or "mp4"))
                throw new ApiProblem(StatusCodes.Status400BadRequest, $"format '{format}': expected gif or mp4");
            var frames = session.RecordedFrames().Select(f => f.Pixels).ToArray();
            var spec = session.Simulator.World.Observation;
            var file = Path.Combine(Path.GetTempPath(), $"orrery-recording-{Guid.NewGuid():N}.{kind}");
            var factor = Math.Clamp(scale ?? 4, 1, 8);
            if (kind == "gif") GifWriter.Write(file, frames, spec.Height, spec.Width, spec.Channels, session.Fps, factor);
            else Mp4Writer.Write(file, frames, spec.Height, spec.Width, spec.Channels, session.Fps, factor);
            var bytes = File.ReadAllBytes(file);
            File.Delete(file);
            return Results.File(bytes, kind == "gif" ? "image/gif" : "video/mp4", $"orrery-{session.Id}.{kind}");
        });

        api.Map("/sessions/{id}/stream", async (HttpContext context, string id, SessionRegistry registry) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
                throw new ApiProblem(StatusCodes.Status400BadRequest, "this endpoint is a WebSocket: connect with ws:// (see docs/api.md)");
            OriginCheck.Require(context, options.AllowedOrigins);
            var session = registry.Get(id);
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await FrameStream.Run(socket, session, options.MaxMessageBytes, context.RequestAborted);
        });
    }

    /// <summary>The "action" of an action or step body; an object without it (say {"index": 1}, the old form) is a 400.</summary>
    private static async Task<JsonElement> RequiredAction(HttpRequest request)
    {
        var body = await JsonBody.Read<ActionRequest>(request);
        if (body is null || body.Action.ValueKind == JsonValueKind.Undefined)
            throw new ApiProblem(StatusCodes.Status400BadRequest, $"request body: expected {{\"action\": [0.3, -0.7]}}, {{\"action\": \"forward\"}} or {{\"action\": 1}}, found {(body is null ? "none" : "no field 'action'")}");
        return body.Action;
    }
}
