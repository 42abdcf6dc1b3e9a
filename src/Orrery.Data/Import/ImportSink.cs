using System.Globalization;
using Orrery.Data.Format;

namespace Orrery.Data.Import;

/// <summary>Writes imported, action-free episodes: actions all -1, rewards all 0, action space kind "none".</summary>
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
        writer = DatasetWriter.Open(opts.Out, env, ActionSpaceInfo.None, args);
        this.onFrame = onFrame;
    }

    public bool Has(int index) => writer.Has(index);

    public void Add(int index, byte[] frames, int count)
    {
        var actions = new int[count];
        Array.Fill(actions, Episode.NoAction);
        writer.Add(index, 0, "none", frames, actions, new float[count]);
        onFrame?.Invoke(count);
    }

    public DatasetManifest Manifest => writer.Manifest;
}
