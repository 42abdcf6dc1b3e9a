using Orrery.Core.Errors;
using Orrery.Data.LeRobot;
using Orrery.Data.Tests.TestDoubles;
using ParquetSharp;

namespace Orrery.Data.Tests.LeRobot;

/// <summary>
/// Files shaped as pyarrow writes LeRobot's (nullable columns, lists of nullable floats, a row group per episode),
/// written here by ParquetSharp, are read by Orrery's reader; nulls are refused.
/// </summary>
public sealed class ParquetTableReaderTests
{
    private static void WriteArrowStyle(string path, float?[][] states, long?[] index, int rowGroups)
    {
        Column[] columns = [new Column<long?>("index"), new Column<float?[]>("observation.state")];
        using var file = new ParquetFileWriter(path, columns);
        var per = index.Length / rowGroups;
        for (var g = 0; g < rowGroups; g++)
        {
            using var group = file.AppendRowGroup();
            using (var w = group.NextColumn().LogicalWriter<long?>()) w.WriteBatch(index[(g * per)..((g + 1) * per)]);
            using (var w = group.NextColumn().LogicalWriter<float?[]>()) w.WriteBatch(states[(g * per)..((g + 1) * per)]);
        }
        file.Close();
    }

    [Fact]
    public void Nullable_columns_and_lists_over_several_row_groups_read_in_order()
    {
        using var dir = new TempDir();
        var states = Enumerable.Range(0, 6).Select(r => new float?[] { r, r + 0.5f }).ToArray();
        WriteArrowStyle(dir["a.parquet"], states, [0, 1, 2, 3, 4, 5], rowGroups: 3);
        var table = ParquetTableReader.Open(dir["a.parquet"]);
        Assert.Equal(6, table.RowCount);
        Assert.Equal([0L, 1, 2, 3, 4, 5], table.Int64("index"));
        Assert.Equal(states.SelectMany(s => s.Select(v => v!.Value)), table.Float32Feature("observation.state", 2));
    }

    [Fact]
    public void A_null_value_or_a_wrong_width_is_refused_naming_the_column()
    {
        using var dir = new TempDir();
        WriteArrowStyle(dir["a.parquet"], [[1f, null], [2f, 3f]], [0, null], rowGroups: 1);
        var table = ParquetTableReader.Open(dir["a.parquet"]);
        Assert.Contains("'index' has null values", Assert.Throws<OrreryException>(() => table.Int64("index")).Message, StringComparison.Ordinal);
        Assert.Contains("'observation.state'", Assert.Throws<OrreryException>(() => table.Float32Feature("observation.state", 3)).Message, StringComparison.Ordinal);
        Assert.Contains("no column 'action'", Assert.Throws<OrreryException>(() => table.Float32Feature("action", 2)).Message, StringComparison.Ordinal);
    }
}
