using System.CommandLine;
using System.Net.Sockets;
using Spectre.Console;
using Microsoft.Extensions.Hosting;
using Orrery.Cli.Terminal;
using Orrery.Core.Errors;
using Orrery.Server;

namespace Orrery.Cli.Commands;

/// <summary>`orrery serve`: the headless server (REST + WebSocket + browser client) until Ctrl-C.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var models = new Option<string>("--models") { Description = "Folder whose children (with manifest.json) are the models offered.", DefaultValueFactory = _ => "models" };
        var host = new Option<string>("--host") { Description = "Address to bind; anything but loopback needs --api-key.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port (0 = any free port).", DefaultValueFactory = _ => 8080 };
        var apiKey = new Option<string?>("--api-key") { Description = "Key every /api request must carry (header X-Api-Key or ?key=)." };
        var maxSessions = new Option<int>("--max-sessions") { Description = "Live sessions at most; one more gets HTTP 429.", DefaultValueFactory = _ => 8 };
        var idle = new Option<double>("--idle-minutes") { Description = "Remove sessions with no client and no action for this long.", DefaultValueFactory = _ => 5 };
        var origins = new Option<string[]>("--allow-origin") { Description = "Extra origin allowed to open the WebSocket stream (repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("serve", "Serve live sessions over HTTP and WebSocket, headless.") { models, host, port, apiKey, maxSessions, idle, origins };
        command.SetAction(parse => Run(new ServerOptions
        {
            ModelsDir = parse.GetValue(models)!,
            Host = parse.GetValue(host)!,
            Port = parse.GetValue(port),
            ApiKey = parse.GetValue(apiKey) is { Length: > 0 } k ? k : null,
            MaxSessions = parse.GetValue(maxSessions),
            IdleTimeout = TimeSpan.FromMinutes(parse.GetValue(idle)),
            AllowedOrigins = parse.GetValue(origins) ?? [],
        }, url => Output.Stdout.MarkupLine($"Orrery server on [link]{url}[/]  (models: {Markup.Escape(Path.GetFullPath(parse.GetValue(models)!))}; Ctrl-C stops)")));
        return command;
    }

    /// <summary>Starts the server, reports its URL, and blocks until Ctrl-C / SIGTERM stops it cleanly.</summary>
    public static int Run(ServerOptions options, Action<string> started)
    {
        var app = OrreryServer.Build(options);
        try
        {
            app.Start();
        }
        catch (IOException e) when (e.InnerException is SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new OrreryException($"--port {options.Port}: {options.Host}:{options.Port} is already in use; choose another port or --port 0 for any free one");
        }
        started(OrreryServer.Url(app));
        app.WaitForShutdown();
        Output.Info("server stopped");
        return ExitCodes.Ok;
    }
}
