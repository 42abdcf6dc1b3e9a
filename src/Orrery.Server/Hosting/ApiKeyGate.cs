using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Orrery.Server.Api;

namespace Orrery.Server.Hosting;

/// <summary>When an API key is set, every /api request must carry it (header X-Api-Key, or ?key= where headers cannot be set: WebSocket).</summary>
public static class ApiKeyGate
{
    public static void Require(HttpContext context, string? apiKey)
    {
        if (apiKey is null || !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)) return;
        var given = context.Request.Headers["X-Api-Key"].ToString();
        if (given.Length == 0) given = context.Request.Query["key"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(apiKey)))
            throw new ApiProblem(StatusCodes.Status401Unauthorized, "missing or wrong API key: send header X-Api-Key (or ?key= on the WebSocket URL)");
    }
}
