using Orrery.Core.Errors;
using Orrery.Data.Format;
using Orrery.Data.Import;
using Orrery.Data.Preview;
using Orrery.Data.Tests.TestDoubles;

namespace Orrery.Data.Tests.Import;

public sealed class PngFolderImporterTests
{
    private static byte[] Frame(int seed, int h, int w, int c) => Enumerable.Range(0, h * w * c).Select(i => (byte)((i * 31 + seed * 17) % 256)).ToArray();

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void Folder_of_pngs_becomes_one_episode_in_name_order(int channels)
    {
        using var dir = new TempDir();
        var frames = Enumerable.Range(0, 5).Select(i => Frame(i, 7, 9, channels)).ToArray();
        // written out of order: the importer must sort by name
        foreach (var i in new[] { 3, 0, 4, 1, 2 }) PngWriter.Write(dir[$"png/frame_{i:D3}.png"], frames[i], 7, 9, channels);
        PngFolderImporter.Import(dir["png"], new ImportOptions(dir["out"]));
        using var data = Dataset.Open(dir["out"]);
        Assert.Equal(new Orrery.Core.Spaces.ObservationSpec(7, 9, channels), data.Spec);
        Assert.Equal(frames.SelectMany(f => f).ToArray(), data.ReadEpisode(0).Frames);
    }

    [Fact]
    public void Frames_of_different_size_name_the_file()
    {
        using var dir = new TempDir();
        PngWriter.Write(dir["png/a.png"], Frame(0, 4, 4, 3), 4, 4, 3);
        PngWriter.Write(dir["png/b.png"], Frame(0, 4, 5, 3), 4, 5, 3);
        var e = Assert.Throws<OrreryException>(() => PngFolderImporter.Import(dir["png"], new ImportOptions(dir["out"])));
        Assert.Contains("b.png: frame is 4x5x3, but the first frame is 4x4x3", e.Message);
    }
}
