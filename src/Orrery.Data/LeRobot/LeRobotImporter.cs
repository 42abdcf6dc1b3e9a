using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Data.Format;
using Orrery.Data.Import;

namespace Orrery.Data.LeRobot;

/// <summary>
/// Reads a LeRobot v3.0 dataset back into an Orrery dataset: frames decoded from the MP4s with ffmpeg, actions and
/// streams from the data Parquet files, re-aligned to Orrery's convention (docs/dataset-format.md). A folder that an
/// Orrery export wrote also restores the action space, stream specs, seeds and policies from meta/orrery.json.
/// The dataset is built beside --out and renamed into place, so a failed import leaves nothing behind.
/// </summary>
public static class LeRobotImporter
{
    public static DatasetManifest Import(string folder, ImportOptions opts, Action<int>? onFrame = null)
    {
        var source = LeRobotSource.Open(folder);
        OutputFolder.RequireNew(opts.Out);
        var shape = LeRobotShape.Of(source);
        DatasetManifest? manifest = null;
        AtomicFile.WriteDirectory(opts.Out, dir => manifest = Write(source, shape, dir, onFrame));
        return manifest!;
    }

    private static DatasetManifest Write(LeRobotSource source, LeRobotShape shape, string dir, Action<int>? onFrame)
    {
        var p = source.Provenance;
        var spec = shape.Observation;
        var env = (p?.Env ?? new DatasetEnvironment("import:lerobot", 0, spec, source.Info.Fps)) with { Observation = spec, Fps = source.Info.Fps };
        var args = new Dictionary<string, string>(p?.Collect ?? new Dictionary<string, string> { ["source"] = "lerobot" })
        {
            ["lerobot"] = Path.GetFullPath(source.Folder),
        };
        var writer = DatasetWriter.Open(dir, env, shape.Actions, shape.Streams, args);
        var tables = new Dictionary<string, LeRobotTable>();
        // Episodes fill their video files in order, so only the file being read is kept decoded.
        (string Path, List<byte[]> Frames)? video = null;
        foreach (var e in source.Episodes)
        {
            var dataPath = source.DataFile(e);
            if (!tables.TryGetValue(dataPath, out var table)) tables[dataPath] = table = LeRobotTable.Read(dataPath, source, shape);
            var rows = table.RowsOf(e);
            var videoPath = source.VideoFile(e);
            if (video?.Path != videoPath) video = (videoPath, LosslessVideo.Decode(videoPath, spec.Height, spec.Width));
            var pixels = Frames(video.Value.Frames, videoPath, e, source.Info.Fps, spec);
            var actions = Actions(table, rows, shape.Actions);
            var streams = shape.Columns.ToDictionary(c => c.Stream, c => Stream(table, rows, c));
            var (seed, policy) = p?.Episodes.FirstOrDefault(x => x.Index == e.Index) is { } pe ? (pe.Seed, pe.Policy) : (0, "lerobot");
            try
            {
                writer.Add((int)e.Index, seed, policy, pixels, actions, streams);
            }
            catch (OrreryException bad)   // an action outside its space: say where it came from
            {
                throw new OrreryException($"{dataPath}: episode {e.Index}: {bad.Message}");
            }
            onFrame?.Invoke((int)e.Length);
        }
        return writer.Manifest;
    }

    /// <summary>The episode's frames: Length frames from round(from_timestamp * fps) in its video file, as (T, H, W, C).</summary>
    private static byte[] Frames(List<byte[]> video, string path, LeRobotEpisode e, int fps, ObservationInfo spec)
    {
        var first = (int)Math.Round(e.FromTimestamp * fps);
        if (first < 0 || first + e.Length > video.Count)
            throw new OrreryException($"{path}: has {video.Count} frames, but episode {e.Index} needs frames [{first}, {first + e.Length}) (from_timestamp {e.FromTimestamp} at {fps} fps)");
        var frameBytes = spec.Height * spec.Width * spec.Channels;
        var pixels = new byte[e.Length * frameBytes];
        for (var t = 0; t < e.Length; t++)
        {
            var rgb = video[first + t];
            var target = pixels.AsSpan(t * frameBytes, frameBytes);
            if (spec.Channels == 3) rgb.CopyTo(target);
            else for (var i = 0; i < target.Length; i++) target[i] = rgb[i * 3];   // grey was exported as R = G = B
        }
        return pixels;
    }

    /// <summary>Orrery's actions[t] is LeRobot's row t - 1 (the action taken at the previous frame); actions[0] is unknown.</summary>
    private static ActionVector[] Actions(LeRobotTable table, int[] rows, ActionSpace? space)
    {
        var actions = new ActionVector[rows.Length];
        if (space is null) return actions;
        for (var t = 1; t < rows.Length; t++) actions[t] = table.Action(rows[t - 1], space);
        return actions;
    }

    /// <summary>An observation stream row by row; a next.* stream shifted back by one frame, with 0 on the first frame.</summary>
    private static float[] Stream(LeRobotTable table, int[] rows, StreamColumn column)
    {
        var values = new float[rows.Length * column.Width];
        for (var t = 0; t < rows.Length; t++)
        {
            if (column.Next && t == 0) continue;
            table.Row(column.Column, rows[column.Next ? t - 1 : t], column.Width).CopyTo(values.AsSpan(t * column.Width, column.Width));
        }
        return values;
    }
}
