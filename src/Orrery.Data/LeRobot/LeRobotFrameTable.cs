using System.Text.Json.Nodes;
using Orrery.Core.Spaces;
using Orrery.Data.Format;

namespace Orrery.Data.LeRobot;

/// <summary>
/// The rows of data/chunk-000/file-000.parquet, built episode by episode: one row per frame with LeRobot's index
/// columns, the action taken at that frame, and the streams (see <see cref="StreamColumn"/> for their alignment).
/// </summary>
internal sealed class LeRobotFrameTable(DatasetManifest manifest, IReadOnlyList<StreamColumn> streams)
{
    private readonly List<float> timestamps = [];
    private readonly List<long> frameIndex = [], episodeIndex = [], index = [], taskIndex = [];
    private readonly List<bool> done = [];
    private readonly List<float> boxActions = [];
    private readonly List<long> discreteActions = [];
    private readonly Dictionary<string, List<float>> streamValues = streams.ToDictionary(s => s.Column, _ => new List<float>());

    public long Rows => index.Count;

    /// <summary>Appends an episode's rows; its frames come first in the video at <see cref="Rows"/> / fps seconds.</summary>
    public void Add(Episode episode)
    {
        var start = Rows;
        for (var t = 0; t < episode.Length; t++)
        {
            timestamps.Add((float)((double)t / manifest.Env.Fps));
            frameIndex.Add(t);
            episodeIndex.Add(episode.Index);
            index.Add(start + t);
            taskIndex.Add(0);
            done.Add(t == episode.Length - 1);
            AddAction(episode, t);
            foreach (var column in streams)
            {
                var row = column.Next ? Math.Min(t + 1, episode.Length - 1) : t;
                streamValues[column.Column].AddRange(episode.Stream(column.Stream).AsSpan(row * column.Width, column.Width));
            }
        }
    }

    private void AddAction(Episode episode, int t)
    {
        if (manifest.ActionSpace is not { } space) return;
        var action = LeRobotColumns.RowAction(episode, t, space);
        if (space is BoxActionSpace) boxActions.AddRange(action.Values);
        else discreteActions.Add(action.Index);
    }

    /// <summary>The features of these columns for info.json, in LeRobot's order: recorded data first, then the index columns.</summary>
    public IEnumerable<(string Name, LeRobotFeature Feature)> Features()
    {
        foreach (var column in streams.Where(s => !s.Next))
            yield return (column.Column, column.Feature(Spec(column.Stream).Fields));
        if (LeRobotColumns.ActionFeature(manifest.ActionSpace) is { } action) yield return (LeRobotLayout.Action, action);
        foreach (var column in streams.Where(s => s.Next))
            yield return (column.Column, column.Feature(Spec(column.Stream).Fields));
        yield return (LeRobotLayout.NextDone, LeRobotFeature.Scalar(LeRobotFeature.Bool));
        yield return (LeRobotLayout.Timestamp, LeRobotFeature.Scalar(LeRobotFeature.Float32));
        foreach (var name in new[] { LeRobotLayout.FrameIndex, LeRobotLayout.EpisodeIndex, LeRobotLayout.Index, LeRobotLayout.TaskIndex })
            yield return (name, LeRobotFeature.Scalar(LeRobotFeature.Int64));
    }

    /// <summary>The table in <see cref="Features"/> order.</summary>
    public ParquetTableWriter ToParquet()
    {
        var table = new ParquetTableWriter();
        foreach (var (name, feature) in Features())
        {
            if (name == LeRobotLayout.Action)
            {
                if (manifest.ActionSpace is BoxActionSpace) table.Float32Feature(name, [.. boxActions], feature.Width);
                else table.Int64(name, [.. discreteActions]);
            }
            else if (streamValues.TryGetValue(name, out var values))
            {
                if (feature.Dtype == LeRobotFeature.Bool) table.Bool(name, [.. values.Select(v => v != 0)]);
                else table.Float32Feature(name, [.. values], feature.Width);
            }
            else AddIndexColumn(table, name);
        }
        return table;
    }

    private void AddIndexColumn(ParquetTableWriter table, string name)
    {
        _ = name switch
        {
            LeRobotLayout.NextDone => table.Bool(name, [.. done]),
            LeRobotLayout.Timestamp => table.Float32(name, [.. timestamps]),
            LeRobotLayout.FrameIndex => table.Int64(name, [.. frameIndex]),
            LeRobotLayout.EpisodeIndex => table.Int64(name, [.. episodeIndex]),
            LeRobotLayout.Index => table.Int64(name, [.. index]),
            LeRobotLayout.TaskIndex => table.Int64(name, [.. taskIndex]),
            _ => throw new InvalidOperationException($"no values for column {name}"),
        };
    }

    /// <summary>stats.json entries for every column.</summary>
    public JsonObject Stats()
    {
        var stats = new JsonObject();
        foreach (var (name, feature) in Features())
        {
            var values = ValuesOf(name);
            var s = FeatureStats.Vector(feature.Width);
            var row = new double[feature.Width];
            for (var r = 0; r < Rows; r++)
            {
                for (var i = 0; i < row.Length; i++) row[i] = values(r * feature.Width + i);
                s.Add(row);
            }
            stats[name] = s.ToJson();
        }
        return stats;
    }

    private Func<int, double> ValuesOf(string name) => name switch
    {
        LeRobotLayout.Action when manifest.ActionSpace is BoxActionSpace => i => boxActions[i],
        LeRobotLayout.Action => i => discreteActions[i],
        LeRobotLayout.NextDone => i => done[i] ? 1 : 0,
        LeRobotLayout.Timestamp => i => timestamps[i],
        LeRobotLayout.FrameIndex => i => frameIndex[i],
        LeRobotLayout.EpisodeIndex => i => episodeIndex[i],
        LeRobotLayout.Index => i => index[i],
        LeRobotLayout.TaskIndex => i => taskIndex[i],
        _ => i => streamValues[name][i],
    };

    private Orrery.Core.Streams.StreamSpec Spec(string stream) => manifest.Streams.First(s => s.Name == stream);
}
