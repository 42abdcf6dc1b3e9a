using Orrery.Core.Spaces;

namespace Orrery.Core.Tests.Spaces;

public sealed class ObservationSpecTests
{
    [Theory]
    [InlineData(64, 64, 3, 12_288)]
    [InlineData(48, 80, 3, 11_520)]
    [InlineData(32, 32, 1, 1_024)]
    public void FrameBytes_is_height_times_width_times_channels(int h, int w, int c, int expected) =>
        Assert.Equal(expected, new ObservationSpec(h, w, c).FrameBytes);

    [Fact]
    public void ToString_is_height_by_width_by_channels() => Assert.Equal("48x80x3", new ObservationSpec(48, 80, 3).ToString());
}
