using System.Diagnostics;
using System.Text;
using Orrery.Core.Errors;
using Orrery.Core.Tools;

namespace Orrery.Data.Video;

/// <summary>Runs ffmpeg/ffprobe with piped raw frames; a missing ffmpeg is a user error that says how to install it.</summary>
public static class Ffmpeg
{
    public static bool IsPresent => ExternalTool.Ffmpeg.IsPresent;

    /// <summary>Full path of ffmpeg, or an error naming what needed it and the install command.</summary>
    public static string Locate(string neededFor) =>
        ExternalTool.Ffmpeg.Locate()
        ?? throw new OrreryException($"{neededFor} needs ffmpeg, which is not installed; install it with: {ExternalTool.Ffmpeg.InstallCommand}");

    /// <summary>ffprobe, which ships with ffmpeg in the same folder.</summary>
    public static string LocateProbe(string neededFor)
    {
        var ffmpeg = Locate(neededFor);
        var probe = Path.Combine(Path.GetDirectoryName(ffmpeg)!, "ffprobe");
        return File.Exists(probe) ? probe
            : throw new OrreryException($"{neededFor} needs ffprobe beside {ffmpeg}; install it with: {ExternalTool.Ffmpeg.InstallCommand}");
    }

    /// <summary>Runs a tool; writeInput feeds stdin (then closes it), readOutput consumes stdout. A failure names the tool's last error lines.</summary>
    public static void Run(string tool, IEnumerable<string> args, Action<Stream>? writeInput, Action<Stream>? readOutput, string what)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = writeInput is not null,
            RedirectStandardOutput = readOutput is not null,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new OrreryException($"{what}: could not start {tool}");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (errors) errors.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        Exception? inputFailure = null;
        var input = writeInput is null ? Task.CompletedTask : Task.Run(() =>
        {
            try
            {
                using var stdin = process.StandardInput.BaseStream;
                writeInput(stdin);
            }
            catch (IOException e)
            {
                inputFailure = e;   // ffmpeg closed its input early; its exit code and stderr say why
            }
        });
        if (readOutput is not null) readOutput(process.StandardOutput.BaseStream);
        input.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0 || inputFailure is not null)
        {
            string tail;
            lock (errors) tail = string.Join(" | ", errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
            throw new OrreryException($"{what}: {Path.GetFileName(tool)} failed (exit {process.ExitCode}): {tail}");
        }
    }

    /// <summary>Runs a tool and returns its stdout as text.</summary>
    public static string Capture(string tool, IEnumerable<string> args, string what)
    {
        var text = "";
        Run(tool, args, null, s => { using var r = new StreamReader(s); text = r.ReadToEnd(); }, what);
        return text;
    }
}
