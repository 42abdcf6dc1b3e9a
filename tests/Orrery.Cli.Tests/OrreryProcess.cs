using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Orrery.Cli.Tests;

/// <summary>What one run of the `orrery` executable produced.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Non-empty stderr lines.</summary>
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// Runs the built `orrery` executable as a child process. Chosen over calling Program.Run in-process because
/// Terminal.Output binds its Spectre consoles to Console.Out/Error once, at type initialisation, so Console.SetOut
/// cannot capture them; a child process also exercises Main, the real exit code and redirected streams.
/// </summary>
public static class OrreryProcess
{
    // Guards against a hang only; no test asserts on time.
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(6);

    public static CliRun Run(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(HangLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"orrery {string.Join(' ', args)} did not exit within {HangLimit}");
        }
        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Runs the CLI and, once a line of its stderr contains `marker`, sends it a POSIX signal (as a scheduler or
    /// Ctrl-C would), then waits for it to exit.
    /// </summary>
    public static CliRun RunAndSignal(int signal, string marker, params string[] args)
    {
        using var process = Start(args);
        using var seen = new ManualResetEventSlim();
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
            if (e.Data.Contains(marker, StringComparison.Ordinal)) seen.Set();
        };
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!seen.Wait(HangLimit) || kill(process.Id, signal) != 0 || !process.WaitForExit(HangLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"orrery {string.Join(' ', args)}: no '{marker}' or no exit within {HangLimit} of signal {signal}");
        }
        process.WaitForExit();   // drains the asynchronous stderr reader
        lock (stderr) return new CliRun(process.ExitCode, stdout.Result, stderr.ToString());
    }

    /// <summary>Starts the CLI with both streams redirected and no colours.</summary>
    private static Process Start(string[] args)
    {
        var start = StartInfo();
        foreach (var a in args) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>The CLI's output is copied next to the test assembly by the project reference: orrery.dll and its runtimeconfig.</summary>
    private static ProcessStartInfo StartInfo()
    {
        var dir = AppContext.BaseDirectory;
        var dll = Path.Combine(dir, "orrery.dll");
        if (!File.Exists(dll) || !File.Exists(Path.Combine(dir, "orrery.runtimeconfig.json")))
            throw new InvalidOperationException($"orrery.dll or orrery.runtimeconfig.json missing in {dir}; build the test project");
        var start = new ProcessStartInfo(DotnetHost()) { WorkingDirectory = dir };
        start.ArgumentList.Add(dll);
        return start;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}

/// <summary>CLI runs are sequential: each loads libtorch, and the machine's cores are shared.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OrreryProcessCollection
{
    public const string Name = "orrery executable";
}
