using Microsoft.AspNetCore.Http;
using Orrery.Runtime.Sessions;

namespace Orrery.Server.Api;

/// <summary>
/// Body of POST /api/sessions. StartImage is an optional base64 PNG (models only). Clock is "realtime" (default: the
/// world's fps under the latest action) or "lockstep" (one frame per POST .../step).
/// </summary>
public sealed record CreateSessionRequest(string? Model, int? World, int? Seed, string? StartImage, string? Clock = null)
{
    /// <summary>The clock asked for; an unknown name is a 400 naming it.</summary>
    public SessionClock ClockChoice() => Clock?.ToLowerInvariant() switch
    {
        null or "realtime" or "real-time" => SessionClock.RealTime,
        "lockstep" => SessionClock.Lockstep,
        _ => throw new ApiProblem(StatusCodes.Status400BadRequest, $"clock '{Clock}': expected \"realtime\" or \"lockstep\""),
    };
}
