using System.CommandLine;
using System.Globalization;
using Orrery.Cli.Terminal;
using Orrery.Core.Spaces;
using Orrery.Environments;
using Spectre.Console;

namespace Orrery.Cli.Commands;

/// <summary>`orrery envs`: the registered ground-truth environments with their action spaces, streams, resolutions and frame rate.</summary>
public static class EnvsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON on stdout." };
        var command = new Command("envs", "List the ground-truth environments, their actions, streams, resolutions and fps.") { json };
        command.SetAction(parse =>
        {
            var all = EnvironmentRegistry.All;
            if (parse.GetValue(json))
            {
                Output.WriteJson(new { environments = all.Select(e => new { e.Name, e.Description, e.Resolutions, e.NativeResolution, e.Spec }) });
                return ExitCodes.Ok;
            }
            var table = new Table().RoundedBorder().AddColumns("name", "actions", "streams", "resolutions", "fps", "description");
            foreach (var e in all)
                table.AddRow(
                    Markup.Escape(e.Name),
                    Markup.Escape(Describe(e.Spec.Actions)),
                    Markup.Escape(string.Join("; ", e.Spec.Streams.Select(s => $"{s.Name} [{string.Join(", ", s.Fields)}]"))),
                    Markup.Escape(string.Join(", ", e.Resolutions.Select(r => r == e.NativeResolution ? $"{r} (native)" : $"{r}"))),
                    e.Spec.Fps.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(e.Description));
            Output.Stdout.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>"discrete: 0:noop, 1:forward, ... (no-op noop)" or "box of 2: shoulder [-1, 1], elbow [-1, 1]".</summary>
    public static string Describe(ActionSpace? space) => space switch
    {
        DiscreteActionSpace d => $"discrete: {string.Join(", ", d.Names.Select((a, i) => $"{i}:{a}"))} (no-op {d.NoopName})",
        BoxActionSpace b => $"box of {b.Dimensions}: {string.Join(", ", b.Names.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{n} [{b.Low[i]}, {b.High[i]}]")))}",
        _ => "none (action-free)",
    };
}
