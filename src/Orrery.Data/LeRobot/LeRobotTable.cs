using Orrery.Core.Errors;
using Orrery.Core.Spaces;

namespace Orrery.Data.LeRobot;

/// <summary>The columns of one data Parquet file that an import needs, as floats, with the rows of each episode.</summary>
internal sealed class LeRobotTable
{
    private readonly string path;
    private readonly long[] frameIndex;
    private readonly Dictionary<string, float[]> columns = [];
    private readonly long[]? discreteActions;
    private readonly Dictionary<long, int[]> byEpisode;

    private LeRobotTable(string path, long[] episodeIndex, long[] frameIndex, long[]? discreteActions)
    {
        this.path = path;
        this.frameIndex = frameIndex;
        this.discreteActions = discreteActions;
        byEpisode = Enumerable.Range(0, episodeIndex.Length).GroupBy(r => episodeIndex[r]).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public static LeRobotTable Read(string path, LeRobotSource source, LeRobotShape shape)
    {
        var reader = ParquetTableReader.Open(path);
        var discrete = shape.Actions is DiscreteActionSpace ? reader.Int64(LeRobotLayout.Action) : null;
        var table = new LeRobotTable(path, reader.Int64(LeRobotLayout.EpisodeIndex), reader.Int64(LeRobotLayout.FrameIndex), discrete);
        if (shape.Actions is BoxActionSpace box) table.columns[LeRobotLayout.Action] = reader.Float32Feature(LeRobotLayout.Action, box.Dimensions);
        foreach (var c in shape.Columns)
            table.columns[c.Column] = source.Feature(c.Column).Dtype == LeRobotFeature.Bool
                ? [.. reader.Bool(c.Column).Select(b => b ? 1f : 0f)]
                : reader.Float32Feature(c.Column, c.Width);
        return table;
    }

    /// <summary>The rows of an episode in frame order; their count must be the episode's length.</summary>
    public int[] RowsOf(LeRobotEpisode e)
    {
        var rows = byEpisode.TryGetValue(e.Index, out var found) ? found.OrderBy(r => frameIndex[r]).ToArray() : [];
        if (rows.Length != e.Length)
            throw new OrreryException($"{path}: episode {e.Index} has {rows.Length} rows, but meta/episodes gives it length {e.Length}");
        return rows;
    }

    public ReadOnlySpan<float> Row(string column, int row, int width) => columns[column].AsSpan(row * width, width);

    public ActionVector Action(int row, ActionSpace space) =>
        discreteActions is { } d ? ActionVector.Discrete((int)d[row]) : ActionVector.Continuous(Row(LeRobotLayout.Action, row, space.Dimensions));
}
