using Microsoft.AspNetCore.Http;
using Orrery.Server.Api;

namespace Orrery.Server.Hosting;

/// <summary>
/// Refuses WebSocket upgrades from other sites' pages (cross-site WebSocket hijacking): the Origin must be this
/// server's own origin or one of the allowed ones. Clients that send no Origin (scripts, SDKs) are not browsers and pass.
/// </summary>
public static class OriginCheck
{
    public static void Require(HttpContext context, IReadOnlyList<string> allowed)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0) return;
        var self = $"{context.Request.Scheme}://{context.Request.Host}";
        if (string.Equals(origin, self, StringComparison.OrdinalIgnoreCase)) return;
        if (allowed.Any(a => a == "*" || string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase))) return;
        throw new ApiProblem(StatusCodes.Status403Forbidden, $"origin '{origin}' is not allowed to open the stream; allowed: {self}{string.Concat(allowed.Select(a => ", " + a))}");
    }
}
