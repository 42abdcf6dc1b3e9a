using System.CommandLine;
using Orrery.Cli.Commands;
using Orrery.Cli.Terminal;

namespace Orrery.Cli;

/// <summary>Entry point of the `orrery` command: parses, runs, and maps failures to exit codes.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args);

    /// <summary>Runs one command line. Exit codes: 0 ok, 1 user error, 2 usage error, 70 bug.</summary>
    public static int Run(string[] args)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Output.Error(error.Message);
            Output.Error("run 'orrery --help' for usage");
            return ExitCodes.Usage;
        }
        return ExitCodes.Guard(() => parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
    }

    /// <summary>The command tree; each command lives in Commands/ in a file named after it.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Orrery: an open, real-time, action-conditioned world model engine.");
        foreach (var command in new[]
                 {
                     DoctorCommand.Create(),
                     RolloutCommand.Create(),
                     EvalCommand.Create(),
                     PlanCommand.Create(),
                     PolicyEvalCommand.Create(),
                     TrainCommand.Create(),
                     TrainPolicyCommand.Create(),
                     PlayCommand.Create(),
                     ServeCommand.Create(),
                     CollectCommand.Create(),
                     DatasetCommand.Create(),
                     EnvsCommand.Create(),
                     BenchCommand.Create(),
                 })
            root.Subcommands.Add(command);
        return root;
    }
}
