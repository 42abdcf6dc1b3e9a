using System.Text;
using Orrery.Core.IO;

namespace Orrery.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Write_replaces_the_old_content_and_leaves_no_temp_file()
    {
        var path = dir["manifest.json"];
        File.WriteAllText(path, "old content that is longer than the new one");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["manifest.json"], dir.Entries());
    }

    [Fact]
    public void Write_creates_missing_parent_folders()
    {
        var path = dir["a/b/frames.bin"];

        AtomicFile.WriteAllBytes(path, [1, 2, 3]);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [Fact]
    public void A_writer_that_throws_leaves_the_old_file_intact_and_no_temp_file()
    {
        var path = dir["manifest.json"];
        File.WriteAllText(path, "old");

        var thrown = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("half of a new fi"));
            throw new InvalidOperationException("crash mid-write");
        }));

        Assert.Equal("crash mid-write", thrown.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["manifest.json"], dir.Entries());
    }

    [Fact]
    public void A_writer_that_throws_creates_no_target_when_there_was_none()
    {
        var path = dir["new.bin"];

        Assert.Throws<IOException>(() => AtomicFile.Write(path, _ => throw new IOException("disk full")));

        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void WriteDirectory_replaces_the_whole_folder_and_leaves_no_temp_folder()
    {
        var target = dir["dataset"];
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "stale.txt"), "from the old version");

        AtomicFile.WriteDirectory(target, tmp => File.WriteAllText(Path.Combine(tmp, "fresh.txt"), "new"));

        Assert.Equal(["fresh.txt"], dir.Entries(target));
        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "fresh.txt")));
        Assert.Equal(["dataset"], dir.Entries());
    }

    [Fact]
    public void WriteDirectory_with_a_failing_fill_leaves_the_old_folder_and_no_temp_folder()
    {
        var target = dir["dataset"];
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "episode-0.bin"), "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteDirectory(target, tmp =>
        {
            File.WriteAllText(Path.Combine(tmp, "episode-0.bin"), "partial");
            throw new InvalidOperationException("crash mid-fill");
        }));

        Assert.Equal(["episode-0.bin"], dir.Entries(target));
        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "episode-0.bin")));
        Assert.Equal(["dataset"], dir.Entries());
    }

    [Fact]
    public void SweepStale_removes_what_a_killed_writer_left_and_puts_a_folder_moved_aside_back()
    {
        var dead = DeadProcessId();
        File.WriteAllText(dir[$"state.json.tmp-{dead}-0a"], "half");
        Directory.CreateDirectory(dir[$"checkpoint.tmp-{dead}-0b"]);
        Directory.CreateDirectory(dir[$"train-state.old-{dead}-0c"]);   // killed between moving the old folder aside and renaming the new one in
        File.WriteAllText(dir[$"train-state.old-{dead}-0c/state.json"], "old");
        File.WriteAllText(dir["metrics.jsonl"], "kept");

        var swept = AtomicFile.SweepStale(dir.Path);

        Assert.Equal(3, swept.Count);
        Assert.Equal(["metrics.jsonl", "train-state"], dir.Entries());
        Assert.Equal("old", File.ReadAllText(dir["train-state/state.json"]));
    }

    [Fact]
    public void SweepStale_leaves_the_temp_files_of_a_running_writer()
    {
        var running = "model.safetensors.tmp-1-0d";   // process 1 always runs
        File.WriteAllText(dir[running], "being written");

        Assert.Empty(AtomicFile.SweepStale(dir.Path));
        Assert.Equal([running], dir.Entries());
    }

    private static int DeadProcessId()
    {
        using var process = System.Diagnostics.Process.Start("true") ?? throw new InvalidOperationException("could not start true");
        process.WaitForExit();
        return process.Id;
    }
}
