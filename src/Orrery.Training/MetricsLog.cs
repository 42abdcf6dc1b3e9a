using System.Globalization;
using System.Text;

namespace Orrery.Training;

/// <summary>RUN_DIR/metrics.jsonl: one JSON object per line (losses per step, validation metrics), appended.</summary>
public sealed class MetricsLog : IDisposable
{
    private readonly StreamWriter? writer;
    private int pending;

    public MetricsLog(string? path)
    {
        if (path is null) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
    }

    public void Write(IReadOnlyList<(string Key, double Value)> fields)
    {
        if (writer is null) return;
        var sb = new StringBuilder("{");
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var v = fields[i].Value;
            sb.Append('"').Append(fields[i].Key).Append("\":").Append(double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "null");
        }
        writer.WriteLine(sb.Append('}').ToString());
        if (++pending >= 50) Flush();
    }

    public void Flush()
    {
        writer?.Flush();
        pending = 0;
    }

    public void Dispose()
    {
        writer?.Flush();
        writer?.Dispose();
    }
}
