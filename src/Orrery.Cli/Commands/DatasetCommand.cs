using System.CommandLine;
using Orrery.Cli.Terminal;
using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Data.Format;
using Orrery.Data.Import;
using Orrery.Data.LeRobot;
using Orrery.Data.Npy;
using Orrery.Data.Preview;
using Orrery.Data.Video;
using Spectre.Console;

namespace Orrery.Cli.Commands;

/// <summary>`orrery dataset info|preview|import|export`: inspect a dataset, look at it, make one from video or LeRobot, or export it as LeRobot.</summary>
public static class DatasetCommand
{
    /// <summary>What `dataset info` reports; the --json twin of the table.</summary>
    public sealed record Info(
        string Path, string Env, int World, string Shape, int Height, int Width, int Channels, int Fps,
        int Episodes, long Frames, int MinFrames, double MeanFrames, int MaxFrames,
        int FormatVersion, ActionSpace? ActionSpace, IReadOnlyList<StreamSpec> Streams, string Fingerprint, long BytesOnDisk, bool? Verified);

    /// <summary>Largest number of frames shown on a contact sheet; longer episodes are sampled evenly.</summary>
    private const int SheetFrames = 48;

    public static Command Create()
    {
        var command = new Command("dataset", "Inspect, preview, import or export datasets.");
        command.Subcommands.Add(InfoCommand());
        command.Subcommands.Add(PreviewCommand());
        command.Subcommands.Add(ImportCommand());
        command.Subcommands.Add(ExportCommand());
        return command;
    }

    private static Command InfoCommand()
    {
        var dir = new Argument<string>("dir") { Description = "Dataset folder." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout." };
        var verify = new Option<bool>("--verify") { Description = "Re-hash every file against the manifest." };
        var command = new Command("info", "Episodes, frames, shape, actions, fingerprint and size of a dataset.") { dir, json, verify };
        command.SetAction(parse =>
        {
            using var data = Dataset.Open(parse.GetValue(dir)!);
            bool? verified = null;
            if (parse.GetValue(verify))
            {
                data.Verify();
                verified = true;
            }
            var info = Describe(data, verified);
            if (parse.GetValue(json)) Output.WriteJson(info);
            else Render(info);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Info Describe(Dataset data, bool? verified)
    {
        var m = data.Manifest;
        var lengths = m.Episodes.Select(e => e.Frames).DefaultIfEmpty(0).ToArray();
        var bytes = m.Episodes.SelectMany(e => e.Files).Sum(f => f.Bytes) + new FileInfo(Path.Combine(data.Directory, EpisodeFiles.ManifestName)).Length;
        return new Info(data.Directory, m.Env.Name, m.Env.World, data.Spec.ToString(), data.Spec.Height, data.Spec.Width, data.Spec.Channels, m.Env.Fps,
            data.EpisodeCount, data.FrameCount, lengths.Min(), Math.Round(lengths.Average(), 2), lengths.Max(),
            m.FormatVersion, m.ActionSpace, m.Streams, data.Fingerprint, bytes, verified);
    }

    private static void Render(Info i)
    {
        var table = new Table().RoundedBorder().AddColumns("field", "value");
        void Row(string k, string v) => table.AddRow(Markup.Escape(k), Markup.Escape(v));
        Row("path", i.Path);
        Row("env", $"{i.Env} (world {i.World}, {i.Fps} fps)");
        Row("episodes", i.Episodes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row("frames", $"{i.Frames} (per episode min {i.MinFrames} / mean {i.MeanFrames:0.##} / max {i.MaxFrames})");
        Row("shape", $"{i.Shape} (HxWxC, uint8)");
        Row("actions", i.ActionSpace is null ? "none (action-free video; every action unknown)" : EnvsCommand.Describe(i.ActionSpace));
        Row("streams", i.Streams.Count == 0 ? "none" : string.Join("; ", i.Streams.Select(st => $"{st.Name} [{string.Join(", ", st.Fields)}] {st.Unit}".TrimEnd())));
        Row("format", $"version {i.FormatVersion}");
        Row("fingerprint", i.Fingerprint);
        Row("size on disk", $"{i.BytesOnDisk / 1048576.0:0.0} MiB");
        if (i.Verified is not null) Row("verified", "all checksums match");
        Output.Stdout.Write(table);
    }

    private static Command PreviewCommand()
    {
        var dir = new Argument<string>("dir") { Description = "Dataset folder." };
        var output = new Option<string>("--out") { Description = "Output file: .gif (also writes a .png contact sheet and, with ffmpeg, an .mp4), .png or .mp4.", Required = true };
        var episode = new Option<int>("--episode") { Description = "Episode index.", DefaultValueFactory = _ => 0 };
        var frames = new Option<int?>("--frames") { Description = "Show at most this many frames from the start (default: all)." };
        var scale = new Option<int?>("--scale") { Description = "Nearest-neighbour upscale factor (default: about 256 px wide)." };
        var command = new Command("preview", "Write an animated GIF, a PNG contact sheet or an MP4 of one episode.") { dir, output, episode, frames, scale };
        command.SetAction(parse =>
        {
            using var data = Dataset.Open(parse.GetValue(dir)!);
            var e = data.ReadEpisode(parse.GetValue(episode));
            var count = Math.Min(e.Length, parse.GetValue(frames) ?? e.Length);
            if (count <= 0) throw new OrreryException($"--frames is {count}; expected at least 1");
            var list = Enumerable.Range(0, count).Select(t => e.Frame(t).ToArray()).ToArray();
            var spec = data.Spec;
            var s = parse.GetValue(scale) ?? Pixels.ScaleFor(spec.Width);
            var path = parse.GetValue(output)!;
            var ext = Path.GetExtension(path).ToLowerInvariant();
            var written = new List<string>();
            if (ext is not (".gif" or ".png" or ".mp4")) throw new OrreryException($"--out {path}: unknown extension '{ext}'; expected .gif, .png or .mp4");
            if (ext == ".gif")
            {
                GifWriter.Write(path, list, spec.Height, spec.Width, spec.Channels, data.Manifest.Env.Fps, s);
                written.Add(path);
            }
            if (ext is ".gif" or ".png")
            {
                var sheetPath = Path.ChangeExtension(path, ".png");
                var sampled = Enumerable.Range(0, Math.Min(SheetFrames, count)).Select(i => list[(int)((long)i * count / Math.Min(SheetFrames, count))]).ToArray();
                var (pixels, h, w) = ContactSheet.Compose(sampled, spec.Height, spec.Width, spec.Channels, columns: 8, scale: parse.GetValue(scale) ?? Pixels.ScaleFor(spec.Width, 128));
                PngWriter.Write(sheetPath, pixels, h, w, spec.Channels);
                written.Add($"{sheetPath} (contact sheet, {sampled.Length} of {count} frames)");
            }
            if (ext == ".mp4" || (ext == ".gif" && Ffmpeg.IsPresent))
            {
                var mp4 = Path.ChangeExtension(path, ".mp4");
                Mp4Writer.Write(mp4, list, spec.Height, spec.Width, spec.Channels, data.Manifest.Env.Fps, s);
                written.Add(mp4);
            }
            else if (ext == ".gif") written.Add("(no .mp4: ffmpeg is not installed)");
            Console.Out.WriteLine($"episode {e.Index}, {count} frames at {spec} x{s}:");
            foreach (var w in written) Console.Out.WriteLine($"  wrote {w}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ImportCommand()
    {
        var npy = new Option<string?>("--npy") { Description = "A .npy array of frames (uint8, or float in [0,1]); needs --layout." };
        var layout = new Option<string?>("--layout") { Description = $"Axis order of --npy: {string.Join(", ", NpyLayout.Known)}." };
        var png = new Option<string?>("--png") { Description = "A folder of PNG frames (one episode, sorted by name)." };
        var video = new Option<string?>("--video") { Description = "A video file (MP4 or anything ffmpeg reads), one episode." };
        var lerobot = new Option<string?>("--lerobot") { Description = "A LeRobot v3.0 dataset folder (frames, actions and streams)." };
        var output = new Option<string>("--out") { Description = "Dataset folder to write.", Required = true };
        var fps = new Option<int?>("--fps") { Description = "Frames per second to record (default 24; video: its own rate)." };
        var maxEpisodes = new Option<int?>("--max-episodes") { Description = "Import at most this many episodes." };
        var resize = new Option<int[]?>("--resize") { Description = "Resize video frames to H W.", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var command = new Command("import", "Make a dataset from a LeRobot v3.0 dataset, or an action-free one from a .npy array, a PNG folder or a video.")
            { npy, layout, png, video, lerobot, output, fps, maxEpisodes, resize };
        command.SetAction(parse =>
        {
            var sources = new[] { parse.GetValue(npy), parse.GetValue(png), parse.GetValue(video), parse.GetValue(lerobot) };
            if (sources.Count(s => s is not null) != 1)
            {
                Output.Error("give exactly one of --npy FILE --layout L, --png DIR, --video FILE or --lerobot DIR");
                return ExitCodes.Usage;
            }
            if (parse.GetValue(lerobot) is { } folder)
            {
                if (parse.GetValue(fps) is not null || parse.GetValue(maxEpisodes) is not null || parse.GetValue(resize) is { Length: > 0 })
                    throw new OrreryException("--fps, --max-episodes and --resize do not apply to --lerobot: its fps, episodes and frame size come from its meta/info.json");
                return ImportLeRobot(folder, parse.GetValue(output)!);
            }
            // an absent option with arity 2 still parses as an empty array
            var r = parse.GetValue(resize) is { Length: 2 } given ? given : null;
            if (r is not null && parse.GetValue(video) is null) throw new OrreryException("--resize applies to --video only");
            var opts = new ImportOptions(parse.GetValue(output)!, parse.GetValue(fps), parse.GetValue(maxEpisodes), r is null ? null : (r[0], r[1]));
            var manifest = ProgressDisplay.Run("import", ExpectedFrames(parse.GetValue(npy), parse.GetValue(layout), parse.GetValue(png), opts.MaxEpisodes), "frames", tracker =>
            {
                Action<int> progress = n => tracker.Advance(n);
                if (parse.GetValue(npy) is { } file)
                    return NpyImporter.Import(file, parse.GetValue(layout) ?? throw new OrreryException("--npy needs --layout (e.g. NTHW, TNHW, NTHWC, NTCHW)"), opts, progress);
                if (parse.GetValue(png) is { } folder) return PngFolderImporter.Import(folder, opts, progress);
                return VideoImporter.Import(parse.GetValue(video)!, opts, progress);
            });
            Console.Out.WriteLine($"wrote {opts.Out}: {manifest.Counts.Episodes} episodes, {manifest.Counts.Frames} frames of {manifest.Env.Spec}, fingerprint {manifest.Fingerprint}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int ImportLeRobot(string folder, string output)
    {
        var total = LeRobotSource.ReadInfo(Path.Combine(folder, LeRobotLayout.InfoPath)).TotalFrames;
        var manifest = ProgressDisplay.Run("import", total, "frames", tracker =>
            LeRobotImporter.Import(folder, new ImportOptions(output), n => tracker.Advance(n)));
        Console.Out.WriteLine($"wrote {output}: {manifest.Counts.Episodes} episodes, {manifest.Counts.Frames} frames of {manifest.Env.Spec}, fingerprint {manifest.Fingerprint}");
        return ExitCodes.Ok;
    }

    private static Command ExportCommand()
    {
        var dir = new Argument<string>("dir") { Description = "Dataset folder to export (any Orrery dataset)." };
        var format = new Option<string>("--format") { Description = "Output format: lerobot (LeRobot v3.0).", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to create; it must not exist or be empty.", Required = true };
        var task = new Option<string?>("--task") { Description = "The task sentence every episode carries (default: the environment's name)." };
        var json = new Option<bool>("--json") { Description = "Print what was written as JSON on stdout." };
        var command = new Command("export", "Write a dataset in another format: LeRobot v3.0 (Parquet + lossless MP4).") { dir, format, output, task, json };
        command.SetAction(parse =>
        {
            if (!string.Equals(parse.GetValue(format), "lerobot", StringComparison.OrdinalIgnoreCase))
            {
                Output.Error($"--format {parse.GetValue(format)}: unknown; the one export format is lerobot");
                return ExitCodes.Usage;
            }
            var source = parse.GetValue(dir)!;
            long frames;
            using (var data = Dataset.Open(source)) frames = data.FrameCount;
            var result = ProgressDisplay.Run("export", frames, "frames", tracker =>
                LeRobotExporter.Export(source, new LeRobotExportOptions(parse.GetValue(output)!, parse.GetValue(task)), n => tracker.Advance(n)));
            if (parse.GetValue(json)) Output.WriteJson(result);
            else Console.Out.WriteLine($"wrote {result.Out}: LeRobot {LeRobotLayout.CodebaseVersion}, {result.Episodes} episodes, {result.Frames} frames, task '{result.Task}', columns {string.Join(", ", result.Columns)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Frames an import will write, for the progress bar; 0 when unknown before decoding (video).</summary>
    private static double ExpectedFrames(string? npy, string? layout, string? png, int? maxEpisodes)
    {
        if (npy is not null && layout is not null)
        {
            var (n, t, _, _, _) = NpyLayout.Parse(layout).Dims(NpyHeader.Read(npy).Shape, npy);
            return (double)Math.Min(n, maxEpisodes ?? int.MaxValue) * t;
        }
        return png is not null && Directory.Exists(png) ? Directory.GetFiles(png, "*.png").Length : 0;
    }
}
