using Parquet;
using Parquet.Schema;

namespace Orrery.Data.LeRobot;

/// <summary>
/// Builds one Parquet file column by column through Parquet.Net, in the shapes LeRobot's Arrow writer produces:
/// scalars as plain columns, fixed-width vectors as LIST columns of their element type, task lists as LIST of string.
/// One row group, snappy compression (LeRobot's choice).
/// </summary>
public sealed class ParquetTableWriter
{
    private readonly List<(Field Field, Func<ParquetRowGroupWriter, Task> Write)> columns = [];
    private readonly Dictionary<string, string> metadata = [];
    private long? rows;

    public ParquetTableWriter Int64(string name, long[] values) => Plain(new DataField<long>(name), values);

    public ParquetTableWriter Float32(string name, float[] values) => Plain(new DataField<float>(name), values);

    public ParquetTableWriter Float64(string name, double[] values) => Plain(new DataField<double>(name), values);

    public ParquetTableWriter Bool(string name, bool[] values) => Plain(new DataField<bool>(name), values);

    public ParquetTableWriter String(string name, string[] values)
    {
        var field = new DataField<string>(name);
        return Add(field, values.Length, g => g.WriteAsync(field, values));
    }

    /// <summary>A float32 feature: a scalar column when width is 1 (as LeRobot writes shape (1,)), else a LIST of width floats per row.</summary>
    public ParquetTableWriter Float32Feature(string name, float[] values, int width) =>
        width == 1 ? Float32(name, values) : List(name, values, width);

    /// <summary>Each row a list of strings (e.g. an episode's tasks).</summary>
    public ParquetTableWriter StringLists(string name, string[][] rowsOfStrings)
    {
        var list = new ListField(name, new DataField<string>("element"));
        var leaf = (DataField)list.Item;
        var flat = rowsOfStrings.SelectMany(r => r).Select(s => s.AsMemory()).ToArray();
        var reps = rowsOfStrings.SelectMany(r => r.Select((_, i) => i == 0 ? 0 : 1)).ToArray();
        if (rowsOfStrings.Any(r => r.Length == 0)) throw new ArgumentException($"column {name}: every row needs at least one string", nameof(rowsOfStrings));
        return Add(list, rowsOfStrings.Length, async g =>
        {
            var defs = Enumerable.Repeat(leaf.MaxDefinitionLevel, flat.Length).ToArray();
            await g.WriteAllPartsAsync<ReadOnlyMemory<char>>(leaf, flat, defs, reps, default);
        });
    }

    /// <summary>Key-value metadata in the file footer (e.g. the "pandas" block that names a DataFrame index).</summary>
    public ParquetTableWriter Metadata(string key, string value)
    {
        metadata[key] = value;
        return this;
    }

    /// <summary>Writes the table to a stream (seekable, as Parquet.Net requires).</summary>
    public void WriteTo(Stream stream) => WriteAsync(stream).GetAwaiter().GetResult();

    private async Task WriteAsync(Stream stream)
    {
        var schema = new ParquetSchema(columns.Select(c => c.Field));
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        if (metadata.Count > 0) writer.CustomMetadata = metadata;
        using var group = writer.CreateRowGroup();
        foreach (var (_, write) in columns) await write(group);
        group.CompleteValidate();
    }

    private ParquetTableWriter List(string name, float[] values, int width)
    {
        var list = new ListField(name, new DataField<float>("element"));
        var leaf = (DataField)list.Item;
        return Add(list, values.Length / width, async g =>
        {
            // Parquet.Net 6.1 needs explicit levels for a list of required values: every element defined, a new row every width values.
            var defs = Enumerable.Repeat(leaf.MaxDefinitionLevel, values.Length).ToArray();
            var reps = Enumerable.Range(0, values.Length).Select(i => i % width == 0 ? 0 : 1).ToArray();
            await g.WriteAllPartsAsync<float>(leaf, values, defs, reps, default);
        });
    }

    private ParquetTableWriter Plain<T>(DataField<T> field, T[] values) where T : struct =>
        Add(field, values.Length, async g => await g.WriteAsync<T>(field, values));

    private ParquetTableWriter Add(Field field, long count, Func<ParquetRowGroupWriter, Task> write)
    {
        if (rows is { } r && r != count) throw new ArgumentException($"column {field.Name} has {count} rows, the table {r}");
        rows = count;
        columns.Add((field, write));
        return this;
    }
}
