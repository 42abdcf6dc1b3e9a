using System.Diagnostics;
using ParquetSharp;
using ParquetSharp.Schema;

namespace Orrery.Data.Tests.LeRobot;

/// <summary>
/// Reads what an export wrote with code that is not Orrery's: ParquetSharp (Apache Arrow's C++ Parquet reader) for the
/// tables, and ffprobe for the video, so a bug shared by Orrery's writer and reader cannot hide.
/// </summary>
internal static class IndependentReaders
{
    /// <summary>Each top-level column's type as "int64", "float32", "float64", "bool", "string" or "list&lt;T&gt;", in file order.</summary>
    public static IReadOnlyList<(string Name, string Type)> Columns(string path)
    {
        using var file = new ParquetFileReader(path);
        var root = file.FileMetaData.Schema.GroupNode;
        return Enumerable.Range(0, root.FieldCount).Select(i => (root.Field(i).Name, TypeOf(root.Field(i)))).ToArray();
    }

    public static long Rows(string path)
    {
        using var file = new ParquetFileReader(path);
        return file.FileMetaData.NumRows;
    }

    public static IReadOnlyDictionary<string, string> KeyValueMetadata(string path)
    {
        using var file = new ParquetFileReader(path);
        return file.FileMetaData.KeyValueMetadata;
    }

    /// <summary>All values of leaf column <paramref name="column"/> (by its index among the leaves), over every row group.</summary>
    public static T[] Values<T>(string path, int column)
    {
        using var file = new ParquetFileReader(path);
        var values = new List<T>();
        for (var g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using var group = file.RowGroup(g);
            using var reader = group.Column(column).LogicalReader<T>();
            values.AddRange(reader.ReadAll((int)group.MetaData.NumRows));
        }
        return [.. values];
    }

    /// <summary>The index among the leaf columns of the column whose path starts with the top-level name.</summary>
    public static int Leaf(string path, string name)
    {
        using var file = new ParquetFileReader(path);
        var schema = file.FileMetaData.Schema;
        return Enumerable.Range(0, schema.NumColumns).First(i => schema.Column(i).Path.ToDotVector()[0] == name);
    }

    private static string TypeOf(Node node) => node switch
    {
        GroupNode g when g.LogicalType is ListLogicalType => $"list<{TypeOf(Leaf(g))}>",
        PrimitiveNode p => p.PhysicalType switch
        {
            PhysicalType.Int64 => "int64",
            PhysicalType.Float => "float32",
            PhysicalType.Double => "float64",
            PhysicalType.Boolean => "bool",
            PhysicalType.ByteArray when p.LogicalType is StringLogicalType => "string",
            var other => other.ToString(),
        },
        _ => node.GetType().Name,
    };

    private static Node Leaf(GroupNode g) => g.Field(0) is GroupNode inner ? Leaf(inner) : g.Field(0);

    /// <summary>ffprobe's count of decoded frames and the codec name of the first video stream.</summary>
    public static (int Frames, string Codec) Probe(string mp4)
    {
        var info = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=nb_read_frames,codec_name", "-of", "csv=p=0", mp4 })
            info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var text = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        var parts = text.Split(',');
        return (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[0]);
    }
}
