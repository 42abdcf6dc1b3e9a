using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Orrery.Core.Errors;
using Orrery.Environments;
using Orrery.Runtime.Scheduling;
using Orrery.Runtime.Sessions;
using Orrery.Server.Api;
using Orrery.Server.Hosting;

namespace Orrery.Server;

/// <summary>Builds the Orrery web server (minimal API, WebSocket stream, browser client) for the CLI and the tests.</summary>
public static class OrreryServer
{
    /// <summary>A configured, not yet started app. Refuses a non-loopback bind without an API key.</summary>
    public static WebApplication Build(ServerOptions options)
    {
        var address = Bind(options);
        if (options.MaxSessions < 1) throw new OrreryException($"--max-sessions {options.MaxSessions}: expected at least 1");
        if (options.MaxMessageBytes < 16) throw new OrreryException($"max message bytes {options.MaxMessageBytes}: expected at least 16");
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(address, options.Port);
            k.Limits.MaxRequestBodySize = 8 << 20;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => new SessionEngine(new EnvironmentContext()));
        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddSingleton<SessionRegistry>();

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                ApiKeyGate.Require(context, options.ApiKey);
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && Status(e) is { } status)
            {
                context.Response.Clear();
                context.Response.StatusCode = status;
                await context.Response.WriteAsJsonAsync(new { error = e.Message });
            }
        });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        if (Directory.Exists(webRoot))
        {
            var files = new PhysicalFileProvider(webRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }
        SessionEndpoints.Map(app, options);
        app.Map("/api/{**rest}", (string? rest) => Results.Json(new { error = $"no API route /api/{rest}; see docs/api.md" }, statusCode: 404));
        return app;
    }

    /// <summary>The address the started app really listens on (resolves port 0).</summary>
    public static string Url(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
        ?? throw new InvalidOperationException("server not started");

    private static IPAddress Bind(ServerOptions options)
    {
        IPAddress address;
        if (string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase)) address = IPAddress.Loopback;
        else if (!IPAddress.TryParse(options.Host, out address!))
            throw new OrreryException($"--host '{options.Host}': expected an IP address such as 127.0.0.1 or 0.0.0.0");
        if (!IPAddress.IsLoopback(address) && string.IsNullOrEmpty(options.ApiKey))
            throw new OrreryException($"--host {options.Host}: binding to a non-loopback address needs --api-key (otherwise anyone on the network can drive the server)");
        if (options.Port is < 0 or > 65535) throw new OrreryException($"--port {options.Port}: expected 0..65535");
        return address;
    }

    private static int? Status(Exception e) => e switch
    {
        ApiProblem p => p.Status,
        ClockConflictException => StatusCodes.Status409Conflict,
        OrreryException => StatusCodes.Status400BadRequest,
        BadHttpRequestException b => b.StatusCode,
        JsonException => StatusCodes.Status400BadRequest,
        _ => null,
    };
}
