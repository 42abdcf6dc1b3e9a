using System.Text.Json.Nodes;
using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Data.Format;

namespace Orrery.Data.LeRobot;

/// <summary>
/// What an imported LeRobot dataset becomes in Orrery's terms: frame shape, action space, streams and the column each
/// stream is read from. An Orrery export says so in meta/orrery.json; any other LeRobot dataset is read from its
/// features: a float32 action is a box bounded by its min/max in stats.json, an int64 action a discrete index,
/// observation.state the state stream, next.reward / next.success the reward / success streams, other
/// observation.* vectors streams of their own.
/// </summary>
public sealed record LeRobotShape(ObservationInfo Observation, ActionSpace? Actions, IReadOnlyList<StreamSpec> Streams, IReadOnlyList<StreamColumn> Columns)
{
    public static LeRobotShape Of(LeRobotSource source)
    {
        var p = source.Provenance;
        var observation = ObservationOf(source, p?.Env.Observation.Channels == 1 ? 1 : 3);
        var actions = p is null ? ActionsOf(source) : p.ActionSpace;
        var streams = p?.Streams ?? StreamsOf(source);
        var columns = LeRobotColumns.For(streams);
        var needed = columns.Select(c => c.Column).Concat(actions is null ? [] : [LeRobotLayout.Action]);
        foreach (var column in needed)
            if (!source.Info.Features.ContainsKey(column))
                throw new OrreryException($"{source.InfoFile}: no feature '{column}', which {(p is null ? "the features imply" : LeRobotLayout.OrreryPath + " declares")}");
        return new LeRobotShape(observation, actions, streams, columns);
    }

    private static ObservationInfo ObservationOf(LeRobotSource source, int channels)
    {
        var f = source.Feature(source.VideoKey);
        var names = f.Names is JsonArray a ? a.Select(n => n?.ToString()).ToArray() : [];
        var channelsFirst = names.Length == 3 && names[0] is "channels" or "channel";
        if (f.Shape.Count != 3) throw new OrreryException($"{source.InfoFile}: feature '{source.VideoKey}' has shape [{string.Join(",", f.Shape)}]; expected [height, width, channels]");
        var (h, w) = channelsFirst ? (f.Shape[1], f.Shape[2]) : (f.Shape[0], f.Shape[1]);
        return new ObservationInfo(h, w, channels);
    }

    private static ActionSpace? ActionsOf(LeRobotSource source)
    {
        if (!source.Info.Features.TryGetValue(LeRobotLayout.Action, out var f)) return null;
        var (min, max) = StatsRange(source, LeRobotLayout.Action, f.Width);
        return f.Dtype switch
        {
            LeRobotFeature.Float32 => new BoxActionSpace(f.ElementNames() ?? Numbered("a", f.Width), min, max),
            LeRobotFeature.Int64 when f.Width == 1 => Discrete((int)max[0] + 1),
            _ => throw new OrreryException($"{source.InfoFile}: feature 'action' is {f.Dtype} [{string.Join(",", f.Shape)}]; Orrery imports float32 vectors (a box) or one int64 (discrete)"),
        };
    }

    private static DiscreteActionSpace Discrete(int count)
    {
        var names = Numbered("", Math.Max(count, 1));
        return new DiscreteActionSpace(names, names[0]);
    }

    private static IReadOnlyList<StreamSpec> StreamsOf(LeRobotSource source)
    {
        var streams = new List<StreamSpec>();
        foreach (var (key, f) in source.Info.Features)
        {
            var name = key switch
            {
                LeRobotLayout.State => StreamNames.State,
                LeRobotLayout.NextReward when f.Width == 1 => StreamNames.Reward,
                LeRobotLayout.NextSuccess when f.Width == 1 => StreamNames.Success,
                _ when key.StartsWith(LeRobotLayout.ObservationPrefix, StringComparison.Ordinal) && f.Dtype == LeRobotFeature.Float32 && f.Shape.Count == 1
                    => key[LeRobotLayout.ObservationPrefix.Length..].Replace('/', '_'),
                _ => null,
            };
            if (name is null) continue;
            var fields = f.ElementNames() ?? (f.Width == 1 ? [name] : Numbered($"{name}_", f.Width));
            streams.Add(new StreamSpec(name, fields, "", $"LeRobot feature {key}"));
        }
        return streams;
    }

    /// <summary>Per-element min and max of a feature from meta/stats.json (LeRobot writes it for every dataset).</summary>
    private static (float[] Min, float[] Max) StatsRange(LeRobotSource source, string key, int width)
    {
        var path = Path.Combine(source.Folder, LeRobotLayout.StatsPath);
        if (!File.Exists(path)) throw new OrreryException($"{path}: missing; the bounds of '{key}' come from its min and max");
        float[] Read(string stat)
        {
            var values = (JsonNode.Parse(File.ReadAllBytes(path))?[key]?[stat] as JsonArray)?.Select(v => v!.GetValue<float>()).ToArray();
            return values?.Length == width ? values : throw new OrreryException($"{path}: '{key}.{stat}' should hold {width} numbers");
        }
        return (Read("min"), Read("max"));
    }

    private static string[] Numbered(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}{i}").ToArray();
}
