using Orrery.Core.Errors;
using Orrery.Data.Format;
using Orrery.Data.Import;
using Orrery.Data.Npy;
using Orrery.Data.Tests.TestDoubles;

namespace Orrery.Data.Tests.Import;

public sealed class NpyImporterTests
{
    private const int N = 3, T = 4, H = 5, W = 6;

    /// <summary>The pixel value of episode n, time t, row y, column x, channel k: unique enough to catch any axis mix-up.</summary>
    private static byte Pixel(int n, int t, int y, int x, int k) => (byte)((n * 53 + t * 29 + y * 11 + x * 7 + k * 3) % 251);

    private static byte[] Build(string layout, int c)
    {
        var dims = new Dictionary<char, int> { ['N'] = N, ['T'] = T, ['H'] = H, ['W'] = W, ['C'] = c };
        var sizes = layout.Select(a => dims[a]).ToArray();
        var data = new byte[sizes.Aggregate(1, (a, b) => a * b)];
        var index = new int[layout.Length];
        for (var i = 0; i < data.Length; i++)
        {
            var rest = i;
            for (var a = layout.Length - 1; a >= 0; a--) { index[a] = rest % sizes[a]; rest /= sizes[a]; }
            int At(char axis) => layout.Contains(axis) ? index[layout.IndexOf(axis)] : 0;
            data[i] = Pixel(At('N'), At('T'), At('H'), At('W'), At('C'));
        }
        return data;
    }

    private static long[] Shape(string layout, int c) =>
        layout.Select(a => (long)(a switch { 'N' => N, 'T' => T, 'H' => H, 'W' => W, _ => c })).ToArray();

    [Theory]
    [InlineData("NTHW", 1)]
    [InlineData("TNHW", 1)]
    [InlineData("NTHWC", 3)]
    [InlineData("NTCHW", 3)]
    [InlineData("THW", 1)]
    [InlineData("THWC", 3)]
    public void Every_layout_imports_to_the_same_pixels(string layout, int c)
    {
        using var dir = new TempDir();
        NpyFile.Write(dir["in.npy"], NpyArray.Of(Build(layout, c), Shape(layout, c)));
        NpyImporter.Import(dir["in.npy"], layout, new ImportOptions(dir["out"]));
        using var data = Dataset.Open(dir["out"]);
        var episodes = layout.Contains('N') ? N : 1;
        Assert.Equal(episodes, data.EpisodeCount);
        Assert.Equal(new Orrery.Core.Spaces.ObservationSpec(H, W, c), data.Spec);
        Assert.Null(data.Manifest.ActionSpace);
        Assert.Empty(data.Manifest.Streams);
        Assert.Empty(data.ActionNames);
        for (var n = 0; n < episodes; n++)
        {
            var e = data.ReadEpisode(n);
            Assert.All(e.Actions, a => Assert.True(a.IsUnknown));
            Assert.Empty(e.Streams);
            for (var t = 0; t < T; t++)
                for (var y = 0; y < H; y++)
                    for (var x = 0; x < W; x++)
                        for (var k = 0; k < c; k++)
                            Assert.Equal(Pixel(n, t, y, x, k), e.Frames[(((t * H) + y) * W + x) * c + k]);
        }
    }

    [Fact]
    public void Floats_in_0_1_are_rounded_to_bytes_and_grey_stays_one_channel()
    {
        using var dir = new TempDir();
        var values = new float[] { 0f, 1f, 0.5f, 1.0004f, -0.0002f, 0.1f };
        NpyFile.Write(dir["f.npy"], NpyArray.Of(values, 1, 1, 2, 3));
        NpyImporter.Import(dir["f.npy"], "NTHW", new ImportOptions(dir["out"], MaxEpisodes: 5));
        using var data = Dataset.Open(dir["out"]);
        Assert.Equal(1, data.Spec.Channels);
        Assert.Equal([0, 255, 128, 255, 0, 26], data.ReadEpisode(0).Frames);
    }

    [Fact]
    public void Float_values_outside_0_1_are_an_error()
    {
        using var dir = new TempDir();
        NpyFile.Write(dir["f.npy"], NpyArray.Of(new[] { 0.0, 2.5 }, 1, 1, 1, 2));
        Assert.Contains("float value 2.5 is outside [0,1]", Assert.Throws<OrreryException>(() => NpyImporter.Import(dir["f.npy"], "NTHW", new ImportOptions(dir["out"]))).Message);
    }

    [Fact]
    public void Unknown_layout_and_wrong_rank_name_both()
    {
        using var dir = new TempDir();
        NpyFile.Write(dir["a.npy"], NpyArray.Of(new byte[24], 2, 3, 4));
        Assert.Contains("unknown --layout 'XYZ'", Assert.Throws<OrreryException>(() => NpyImporter.Import(dir["a.npy"], "XYZ", new ImportOptions(dir["o"]))).Message);
        var e = Assert.Throws<OrreryException>(() => NpyImporter.Import(dir["a.npy"], "TNHW", new ImportOptions(dir["o"])));
        Assert.Contains("shape [2,3,4]", e.Message);
        Assert.Contains("layout TNHW needs 4", e.Message);
    }

    [Fact]
    public void Max_episodes_limits_the_import()
    {
        using var dir = new TempDir();
        NpyFile.Write(dir["in.npy"], NpyArray.Of(Build("TNHW", 1), Shape("TNHW", 1)));
        NpyImporter.Import(dir["in.npy"], "TNHW", new ImportOptions(dir["out"], Fps: 10, MaxEpisodes: 2));
        using var data = Dataset.Open(dir["out"]);
        Assert.Equal(2, data.EpisodeCount);
        Assert.Equal(10, data.Manifest.Env.Fps);
    }
}
