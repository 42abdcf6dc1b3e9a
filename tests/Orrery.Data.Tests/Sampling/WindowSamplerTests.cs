using Orrery.Data.Sampling;

namespace Orrery.Data.Tests.Sampling;

public sealed class WindowSamplerTests
{
    [Fact]
    public void Every_position_has_one_index_in_episode_then_start_order_and_short_episodes_have_none()
    {
        var sampler = new WindowSampler([3, 1, 0, 4], 2);

        Assert.Equal(5, sampler.Count);
        Assert.Equal([(0, 0), (0, 1), (3, 0), (3, 1), (3, 2)], Enumerable.Range(0, 5).Select(i => sampler.At(i)));
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.At(5));
    }

    [Fact]
    public void Draws_cover_every_position_uniformly()
    {
        var sampler = new WindowSampler([5, 2, 7], 3);
        var rng = new Random(7);
        var counts = new Dictionary<(int, int), int>();
        for (var i = 0; i < 80_000; i++)
        {
            var at = sampler.Sample(rng);
            counts[at] = counts.GetValueOrDefault(at) + 1;
        }

        Assert.Equal(8, counts.Count);   // 3 + 0 + 5 positions
        Assert.All(counts.Values, n => Assert.InRange(n, 9_000, 11_000));
    }

    [Fact]
    public void Spread_picks_evenly_spaced_positions()
    {
        var sampler = new WindowSampler([4, 4], 1);

        Assert.Equal([(0, 0), (0, 2), (1, 0), (1, 2)], Enumerable.Range(0, 4).Select(i => sampler.Spread(i, 4)));
    }

    [Fact]
    public void No_episode_long_enough_gives_no_positions()
    {
        Assert.Equal(0, new WindowSampler([2, 3], 4).Count);
    }
}
