using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Orrery.Cli.Terminal;

/// <summary>Where the CLI writes: results to stdout (human tables or --json), progress and errors to stderr.</summary>
public static class Output
{
    /// <summary>Console for human-readable results.</summary>
    public static IAnsiConsole Stdout { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

    /// <summary>Console for progress and diagnostics, so that --json output on stdout stays clean.</summary>
    public static IAnsiConsole Stderr { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One red line on stderr. When stderr is redirected, Spectre would wrap at 80 columns, so the line is written plain.</summary>
    public static void Error(string message)
    {
        if (Console.IsErrorRedirected) Console.Error.WriteLine($"error: {message}");
        else Stderr.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
    }

    public static void Info(string message) => Stderr.MarkupLine($"[grey]{Markup.Escape(message)}[/]");

    /// <summary>Writes a report as JSON on stdout, the machine-readable twin of the human table.</summary>
    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));
}
