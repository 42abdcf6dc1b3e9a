using Orrery.Core.Errors;
using Orrery.Data.Import;
using Orrery.Data.LeRobot;
using Orrery.Data.Tests.Collect;
using Orrery.Data.Tests.TestDoubles;

namespace Orrery.Data.Tests.LeRobot;

/// <summary>A damaged LeRobot folder is one clear error naming the file, and the import leaves nothing behind.</summary>
public sealed class LeRobotBadInputTests
{
    private static string Exported(TempDir dir)
    {
        CollectorTests.Collect(dir["data"], episodes: 2, steps: 6);
        LeRobotExporter.Export(dir["data"], new LeRobotExportOptions(dir["lerobot"]));
        return dir["lerobot"];
    }

    /// <summary>Imports, expecting a one-line error that names the file; then checks that nothing was written beside --out either.</summary>
    private static void AssertRefused(TempDir dir, string file, params string[] words)
    {
        var e = Assert.Throws<OrreryException>(() => LeRobotImporter.Import(dir["lerobot"], new ImportOptions(dir["out"])));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith(Path.Combine(dir["lerobot"], file), e.Message, StringComparison.Ordinal);
        foreach (var w in words) Assert.Contains(w, e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path, "out*"));
    }

    [Fact]
    public void Missing_info_json_is_refused()
    {
        using var dir = new TempDir();
        File.Delete(Path.Combine(Exported(dir), "meta/info.json"));
        AssertRefused(dir, "meta/info.json", "missing");
    }

    [Fact]
    public void Another_major_version_is_refused_naming_it()
    {
        using var dir = new TempDir();
        var info = Path.Combine(Exported(dir), "meta/info.json");
        File.WriteAllText(info, File.ReadAllText(info).Replace("\"v3.0\"", "\"v2.1\"", StringComparison.Ordinal));
        AssertRefused(dir, "meta/info.json", "codebase_version is 'v2.1'", "v3.0");
    }

    [Fact]
    public void Truncated_data_parquet_is_refused()
    {
        using var dir = new TempDir();
        var data = Path.Combine(Exported(dir), "data/chunk-000/file-000.parquet");
        var bytes = File.ReadAllBytes(data);
        File.WriteAllBytes(data, bytes[..(bytes.Length / 2)]);
        AssertRefused(dir, "data/chunk-000/file-000.parquet", "truncated");
    }

    [Fact]
    public void Truncated_episodes_parquet_is_refused()
    {
        using var dir = new TempDir();
        var episodes = Path.Combine(Exported(dir), "meta/episodes/chunk-000/file-000.parquet");
        File.WriteAllBytes(episodes, File.ReadAllBytes(episodes)[..100]);
        AssertRefused(dir, "meta/episodes/chunk-000/file-000.parquet", "truncated");
    }

    [Fact]
    public void Missing_video_is_refused()
    {
        using var dir = new TempDir();
        File.Delete(Path.Combine(Exported(dir), "videos/observation.image/chunk-000/file-000.mp4"));
        AssertRefused(dir, "videos/observation.image/chunk-000/file-000.mp4", "missing video");
    }

    [Fact]
    public void Export_into_a_folder_that_holds_something_is_refused_and_leaves_it_alone()
    {
        using var dir = new TempDir();
        CollectorTests.Collect(dir["data"], episodes: 1, steps: 4);
        Directory.CreateDirectory(dir["busy"]);
        File.WriteAllText(dir["busy/keep.txt"], "mine");
        var e = Assert.Throws<OrreryException>(() => LeRobotExporter.Export(dir["data"], new LeRobotExportOptions(dir["busy"])));
        Assert.Contains("not empty", e.Message, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(dir["busy"]).Select(Path.GetFileName));
    }
}
