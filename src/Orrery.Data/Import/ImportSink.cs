using System.Globalization;
using Orrery.Core.Spaces;
using Orrery.Data.Format;

namespace Orrery.Data.Import;

/// <summary>Writes imported, action-free episodes: every action unknown, no action space, no streams.</summary>
internal sealed class ImportSink
{
    private readonly DatasetWriter writer;
    private readonly Action<int>? onFrame;

    public ImportSink(string source, string file, int height, int width, int channels, int fps, ImportOptions opts, Action<int>? onFrame)
    {
        var env = new DatasetEnvironment($"import:{source}", 0, new ObservationInfo(height, width, channels), fps);
        var args = new Dictionary<string, string>
        {
            ["source"] = source,
            ["file"] = Path.GetFullPath(file),
            ["maxEpisodes"] = opts.MaxEpisodes?.ToString(CultureInfo.InvariantCulture) ?? "all",
            ["resize"] = opts.Resize is { } r ? $"{r.Height}x{r.Width}" : "none",
        };
        writer = DatasetWriter.Open(opts.Out, env, actions: null, streams: [], args);
        this.onFrame = onFrame;
    }

    public bool Has(int index) => writer.Has(index);

    public void Add(int index, byte[] frames, int count)
    {
        writer.Add(index, 0, "none", frames, new ActionVector[count], new Dictionary<string, float[]>());
        onFrame?.Invoke(count);
    }

    public DatasetManifest Manifest => writer.Manifest;
}
