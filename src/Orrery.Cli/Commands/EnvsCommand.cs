using System.CommandLine;
using Orrery.Cli.Terminal;
using Orrery.Environments;
using Spectre.Console;

namespace Orrery.Cli.Commands;

/// <summary>`orrery envs`: the registered ground-truth environments with their actions, resolutions and frame rate.</summary>
public static class EnvsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON on stdout." };
        var command = new Command("envs", "List the ground-truth environments, their actions, resolutions and fps.") { json };
        command.SetAction(parse =>
        {
            var all = EnvironmentRegistry.All;
            if (parse.GetValue(json))
            {
                Output.WriteJson(new { environments = all });
                return ExitCodes.Ok;
            }
            var table = new Table().RoundedBorder().AddColumns("name", "actions (index order)", "resolutions", "fps", "description");
            foreach (var e in all)
                table.AddRow(
                    Markup.Escape(e.Name),
                    Markup.Escape(string.Join(", ", e.Actions.Select((a, i) => $"{i}:{a}"))),
                    Markup.Escape(string.Join(", ", e.Resolutions.Select(r => r == e.NativeResolution ? $"{r} (native)" : $"{r}"))),
                    e.Fps.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(e.Description));
            Output.Stdout.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
