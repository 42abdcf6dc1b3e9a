using Orrery.Core.Errors;

namespace Orrery.Cli.Commands;

/// <summary>Checks and records of option values that several commands share.</summary>
internal static class OptionValues
{
    /// <summary>The value of <paramref name="option"/> when positive; otherwise one line naming the option and the value.</summary>
    public static int Positive(int value, string option) =>
        value > 0 ? value : throw new OrreryException($"{option}: expected a positive number, found {value}");

    /// <summary>This process's command line as a person would retype it, for reports that name the command that made them.</summary>
    public static string CommandLine() => "orrery " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(Quote));

    private static string Quote(string arg) => arg.Contains(' ') ? $"\"{arg}\"" : arg;
}
