using System.CommandLine;
using System.Runtime.InteropServices;
using Orrery.Cli.Terminal;
using Orrery.Core.Tools;
using Orrery.Core.Versioning;
using Orrery.Environments.MuJoCo;
using Orrery.Model.Configs;
using Orrery.Model.Device;
using Spectre.Console;

namespace Orrery.Cli.Commands;

/// <summary>`orrery doctor`: one screen that says whether everything a user needs is there, and how to install what is missing.</summary>
public static class DoctorCommand
{
    /// <summary>One line of the report; Fix is the exact command that repairs a missing piece.</summary>
    public sealed record Check(string Name, bool Ok, string Value, string? Fix = null);

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout." };
        var command = new Command("doctor", "Check .NET, libtorch, CPU features, MuJoCo, ffmpeg and chromium.") { json };
        command.SetAction(parse =>
        {
            var checks = Collect();
            if (parse.GetValue(json)) Output.WriteJson(new { ok = checks.All(c => c.Ok), checks });
            else Render(checks);
            return checks.Where(c => c.Name is ".NET" or "torch").All(c => c.Ok) ? ExitCodes.Ok : ExitCodes.UserError;
        });
        return command;
    }

    public static IReadOnlyList<Check> Collect()
    {
        var torchProblem = TorchRuntime.Probe();
        var checks = new List<Check>
        {
            new(".NET", true, RuntimeInformation.FrameworkDescription),
            new("TorchSharp", true, CodeVersion.TorchSharp),
            new("libtorch", true, CodeVersion.LibTorch),
            new("torch", torchProblem is null, torchProblem ?? "runs (matmul ok)",
                torchProblem is null ? null : "dotnet build -c Release   # re-applies the libLibTorchSharp fix-up; see README 'Platform notes'"),
        };
        if (torchProblem is null)
        {
            checks.Add(new("device", true, ConfigOverrides.Spelling(TorchRuntime.DefaultDevice)));
            checks.Add(new("threads", true, $"{TorchRuntime.Threads} torch threads, {Environment.ProcessorCount} cores"));
        }
        checks.Add(new("bf16", true, TorchRuntime.HasBf16Acceleration ? $"accelerated ({string.Join(", ", TorchRuntime.Bf16Flags)})" : "not accelerated (fp32 is used)"));
        checks.Add(MuJoCoLibrary.Problem is { } mujocoProblem
            ? new("MuJoCo", false, mujocoProblem, MuJoCoLibrary.InstallCommand)
            : new("MuJoCo", true, $"{MuJoCoLibrary.Version} ({MuJoCoLibrary.FileName})"));
        checks.Add(ToolCheck(ExternalTool.Ffmpeg, "MP4 import, previews and recordings"));
        checks.Add(ToolCheck(ExternalTool.Chromium, "the browser end-to-end test"));
        checks.Add(new("code version", true, CodeVersion.GitCommit));
        return checks;
    }

    private static Check ToolCheck(ExternalTool tool, string neededFor) =>
        tool.Locate() is { } path
            ? new(tool.Name, true, path)
            : new(tool.Name, false, $"missing (needed for {neededFor})", tool.InstallCommand);

    private static void Render(IReadOnlyList<Check> checks)
    {
        var table = new Table().RoundedBorder().AddColumns("", "check", "value", "fix");
        foreach (var c in checks)
            table.AddRow(c.Ok ? "[green]ok[/]" : "[red]missing[/]", Markup.Escape(c.Name), Markup.Escape(c.Value), Markup.Escape(c.Fix ?? ""));
        Output.Stdout.Write(table);
    }
}
