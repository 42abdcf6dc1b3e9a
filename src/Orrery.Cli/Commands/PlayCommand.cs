using System.CommandLine;
using System.Diagnostics;
using Orrery.Cli.Terminal;
using Orrery.Server;
using Spectre.Console;

namespace Orrery.Cli.Commands;

/// <summary>`orrery play`: starts the server on loopback, prints the URL and opens the browser client.</summary>
public static class PlayCommand
{
    /// <summary>The shipped model played by default.</summary>
    public const string DefaultModel = "models/maze-v2";

    /// <summary>What `--model truth` plays: the ground truth of the default model's world.</summary>
    public const string DefaultTruth = "truth-maze";

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Checkpoint folder, 'truth' for the ground-truth maze, or truth-ENV (e.g. truth-reach).", DefaultValueFactory = _ => DefaultModel };
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 = any free port).", DefaultValueFactory = _ => 0 };
        var world = new Option<int>("--world") { Description = "Maze layout preselected in the client.", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Start pose preselected in the client.", DefaultValueFactory = _ => 0 };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Only print the URL." };
        var command = new Command("play", "Play a world model (or the real maze) in the browser.") { model, port, world, seed, noBrowser };
        command.SetAction(parse =>
        {
            var (modelsDir, name) = Choose(parse.GetValue(model)!);
            var options = new ServerOptions
            {
                ModelsDir = modelsDir,
                Port = parse.GetValue(port),
                DefaultModel = name,
                DefaultWorld = parse.GetValue(world),
                DefaultSeed = parse.GetValue(seed),
            };
            return ServeCommand.Run(options, url =>
            {
                Output.Stdout.MarkupLine($"Playing [bold]{Markup.Escape(name)}[/] at [link]{url}[/]  (W/S forward/back, A/D turn, Q/E strafe; Ctrl-C stops)");
                if (!parse.GetValue(noBrowser)) OpenBrowser(url);
            });
        });
        return command;
    }

    /// <summary>Splits a checkpoint folder into (models folder, model name); a missing default falls back to the truth.</summary>
    private static (string ModelsDir, string Name) Choose(string model)
    {
        if (model == "truth") return ("models", DefaultTruth);
        if (model.StartsWith("truth-", StringComparison.Ordinal)) return ("models", model);
        var dir = Path.GetFullPath(model);
        if (File.Exists(Path.Combine(dir, "manifest.json")))
            return (Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar))!, Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar)));
        if (model != DefaultModel)
            throw new Core.Errors.OrreryException($"--model {model}: no manifest.json in {dir}; expected a checkpoint folder (see `orrery train`) or 'truth'");
        Output.Info($"{DefaultModel} is not there yet (train one with `orrery train`); playing the ground-truth maze ('{DefaultTruth}') instead");
        return ("models", DefaultTruth);
    }

    private static void OpenBrowser(string url)
    {
        var hasDisplay = OperatingSystem.IsMacOS() || OperatingSystem.IsWindows() ||
                         !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) ||
                         !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
        var opener = OperatingSystem.IsMacOS() ? "open" : OperatingSystem.IsWindows() ? "explorer" : "xdg-open";
        if (!hasDisplay)
        {
            Output.Info("no display: open the URL above in a browser");
            return;
        }
        try
        {
            using var p = Process.Start(new ProcessStartInfo(opener, url) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Output.Info($"could not run {opener}: open the URL above in a browser");
        }
    }
}
