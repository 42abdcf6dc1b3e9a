using Orrery.Data.Format;
using Orrery.Data.Import;
using Orrery.Data.Preview;
using Orrery.Data.Tests.TestDoubles;
using Orrery.Data.Video;

namespace Orrery.Data.Tests.Import;

public sealed class VideoImporterTests
{
    [Fact]
    public void Mp4_round_trip_through_ffmpeg_keeps_size_count_and_colours()
    {
        // fails rather than passing unchecked: .ci/run installs ffmpeg, and a machine without it should say so
        Assert.True(Ffmpeg.IsPresent, "ffmpeg is not installed: sudo apt-get install -y ffmpeg");
        using var dir = new TempDir();
        // flat colour blocks survive H.264 nearly exactly; fine noise would not
        var frames = Enumerable.Range(0, 6).Select(t =>
        {
            var f = new byte[16 * 16 * 3];
            for (var i = 0; i < 16 * 16; i++) (f[i * 3], f[i * 3 + 1], f[i * 3 + 2]) = ((byte)(t * 40), 200, (byte)(255 - t * 40));
            return f;
        }).ToArray();
        Mp4Writer.Write(dir["v.mp4"], frames, 16, 16, 3, fps: 12, scale: 2);
        VideoImporter.Import(dir["v.mp4"], new ImportOptions(dir["out"], Resize: (16, 16)));
        using var data = Dataset.Open(dir["out"]);
        Assert.Equal(new Orrery.Core.Spaces.ObservationSpec(16, 16, 3), data.Spec);
        Assert.Equal(12, data.Manifest.Env.Fps);
        var e = data.ReadEpisode(0);
        Assert.Equal(6, e.Length);
        Assert.All(e.Actions, a => Assert.True(a.IsUnknown));
        for (var t = 0; t < 6; t++)
        {
            var mid = (8 * 16 + 8) * 3 + t * 16 * 16 * 3;
            Assert.InRange(e.Frames[mid], t * 40 - 8, t * 40 + 8);
            Assert.InRange(e.Frames[mid + 1], 192, 208);
        }
    }
}
