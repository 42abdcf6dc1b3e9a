using Orrery.Core.Errors;
using Parquet;
using Parquet.Schema;

namespace Orrery.Data.LeRobot;

/// <summary>
/// Reads whole columns of a Parquet file written by LeRobot (pyarrow) or by Orrery, over every row group. A file that
/// is not Parquet, is cut short or is corrupt is a user error naming the file; so is a missing column or a wrong type.
/// </summary>
public sealed class ParquetTableReader
{
    private readonly string path;
    private readonly byte[] bytes;

    private ParquetTableReader(string path, byte[] bytes, ParquetSchema schema, long rows, IReadOnlyDictionary<string, string> metadata)
    {
        this.path = path;
        this.bytes = bytes;
        Schema = schema;
        RowCount = rows;
        Metadata = metadata;
    }

    public ParquetSchema Schema { get; }

    public long RowCount { get; }

    /// <summary>Key-value metadata of the footer.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public IEnumerable<string> ColumnNames => Schema.Fields.Select(f => f.Name);

    /// <summary>Opens a file and reads its footer.</summary>
    public static ParquetTableReader Open(string path)
    {
        if (!File.Exists(path)) throw new OrreryException($"{path}: missing; a LeRobot dataset lists this file in its metadata");
        var bytes = File.ReadAllBytes(path);
        return Guard(path, async () =>
        {
            await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes, writable: false));
            var rows = reader.RowGroups.Sum(g => g.RowCount);
            return new ParquetTableReader(path, bytes, reader.Schema, rows, new Dictionary<string, string>(reader.CustomMetadata));
        });
    }

    public bool Has(string column) => Schema.Fields.Any(f => f.Name == column);

    public long[] Int64(string column) => Scalars<long>(column);

    public float[] Float32(string column) => Scalars<float>(column);

    public double[] Float64(string column) => Scalars<double>(column);

    public bool[] Bool(string column) => Scalars<bool>(column);

    /// <summary>A float32 feature of the given width: a scalar column (width 1) or a LIST column of exactly width floats per row.</summary>
    public float[] Float32Feature(string column, int width)
    {
        var field = Field(column);
        if (width == 1 && field is DataField) return Float32(column);
        if (field is not ListField { Item: DataField leaf } || leaf.ClrType != typeof(float))
            throw new OrreryException($"{path}: column '{column}' is {Describe(field)}, expected a list of float32 ({width} per row)");
        var (values, reps) = Read<float>(leaf, column);
        var starts = reps.Count(r => r == 0);
        if (starts != RowCount || values.Length != RowCount * width)
            throw new OrreryException($"{path}: column '{column}' holds {values.Length} floats in {starts} rows, expected {width} per row for {RowCount} rows");
        return values;
    }

    /// <summary>A string column, or a LIST of strings flattened to its first element per row (LeRobot's "tasks" of an episode).</summary>
    public string[] Strings(string column)
    {
        var field = Field(column);
        var leaf = field switch
        {
            DataField d when IsString(d) => d,
            ListField { Item: DataField d } when IsString(d) => d,
            _ => throw new OrreryException($"{path}: column '{column}' is {Describe(field)}, expected strings"),
        };
        return Guard(path, async () =>
        {
            await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes, writable: false));
            var field = Same(reader, leaf);
            var result = new List<string>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = (int)(group.GetMetadata(field)?.MetaData?.NumValues ?? group.RowCount);
                var values = new string[count];
                var reps = field.MaxRepetitionLevel > 0 ? new int[count] : null;
                await group.ReadAsync(field, values, Levels(reps));
                result.AddRange(reps is null ? values : values.Where((_, i) => reps[i] == 0));
            }
            return result.ToArray();
        });
    }

    private static bool IsString(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    private T[] Scalars<T>(string column) where T : struct
    {
        var field = Field(column);
        if (field is not DataField leaf || leaf.MaxRepetitionLevel > 0 || leaf.ClrType != typeof(T))
            throw new OrreryException($"{path}: column '{column}' is {Describe(field)}, expected {typeof(T).Name} values");
        return Read<T>(leaf, column).Values;
    }

    private (T[] Values, int[] Repetitions) Read<T>(DataField leaf, string column) where T : struct => Guard(path, async () =>
    {
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes, writable: false));
        leaf = Same(reader, leaf);
        var values = new List<T>();
        var repetitions = new List<int>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)(group.GetMetadata(leaf)?.MetaData?.NumValues ?? group.RowCount);
            var buffer = new T[count];
            var defs = leaf.MaxDefinitionLevel > 0 ? new int[count] : null;
            var reps = leaf.MaxRepetitionLevel > 0 ? new int[count] : null;
            await group.ReadRawAsync<T>(leaf, buffer, Levels(defs), Levels(reps), default);
            // Arrow marks columns nullable even when no value is null; a null (or an empty list) has no Orrery meaning.
            if (defs is not null && defs.Any(d => d != leaf.MaxDefinitionLevel))
                throw new OrreryException($"{path}: column '{column}' has null values or empty lists in row group {g}; every row needs a value");
            values.AddRange(buffer);
            repetitions.AddRange(reps ?? new int[count]);
        }
        return (values.ToArray(), repetitions.ToArray());
    });

    // A null int[] would convert to an empty (not absent) Memory, which Parquet.Net takes as a too-small buffer.
    private static Memory<int>? Levels(int[]? levels) => levels is null ? default(Memory<int>?) : levels.AsMemory();

    // Parquet.Net binds a field to the reader whose schema it came from, so each read looks its field up again.
    private static DataField Same(ParquetReader reader, DataField field) => reader.Schema.DataFields.First(f => f.Path.Equals(field.Path));

    private Field Field(string column) =>
        Schema.Fields.FirstOrDefault(f => f.Name == column)
        ?? throw new OrreryException($"{path}: no column '{column}'; the file has: {string.Join(", ", ColumnNames)}");

    private static string Describe(Field field) => field switch
    {
        DataField d => $"{d.ClrType.Name}{(d.MaxRepetitionLevel > 0 ? " (repeated)" : "")}",
        ListField { Item: DataField d } => $"a list of {d.ClrType.Name}",
        _ => field.SchemaType.ToString(),
    };

    /// <summary>Runs a Parquet.Net call; whatever it throws on a damaged file becomes one line naming the file.</summary>
    private static T Guard<T>(string path, Func<Task<T>> read)
    {
        try
        {
            return read().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or ParquetException or InvalidDataException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or NotSupportedException or OverflowException)
        {
            throw new OrreryException($"{path}: not a readable Parquet file (truncated or corrupt?): {FirstLine(e.Message)}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
