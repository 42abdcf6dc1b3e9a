using System.CommandLine;

namespace Orrery.Cli.Commands;

/// <summary>`orrery bench`: throughput measurements, one subcommand per thing measured (add yours with one line below).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure throughput (frames per second) of environments and models.");
        foreach (var sub in new[]
                 {
                     BenchEnvCommand.Create(),
                     BenchModelCommand.Create(),
                 })
            command.Subcommands.Add(sub);
        return command;
    }
}
