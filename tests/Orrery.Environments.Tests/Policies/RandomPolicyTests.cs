using Orrery.Core.Environments;
using Orrery.Core.Streams;
using Orrery.Environments.Maze;
using Orrery.Environments.Policies;

namespace Orrery.Environments.Tests.Policies;

public class RandomPolicyTests
{
    private static readonly Observation Blank = new([], StreamValues.Empty);

    private static int[] Actions(int seed, int steps)
    {
        var policy = PolicyRegistry.Create("random", new MazeEnvironment(0));
        policy.Reset(seed);
        return Enumerable.Range(0, steps).Select(i => policy.Act(Blank, i).Index).ToArray();
    }

    [Fact]
    public void Random_actions_are_sticky()
    {
        var acts = Actions(1, 2000);
        var runs = new List<int>();
        var length = 1;
        for (var i = 1; i < acts.Length; i++)
        {
            if (acts[i] == acts[i - 1]) length++;
            else { runs.Add(length); length = 1; }
        }
        // consecutive holds may pick the same action and merge, so runs are at least MinHold long
        Assert.All(runs, r => Assert.True(r >= RandomPolicy.MinHold, $"run of {r}"));
        Assert.True(runs.Average() > 4, $"mean run {runs.Average()}");
        Assert.Equal(7, acts.Distinct().Count());
    }

    [Fact]
    public void Same_seed_gives_same_actions_and_different_seeds_differ()
    {
        Assert.Equal(Actions(5, 300), Actions(5, 300));
        Assert.NotEqual(Actions(5, 300), Actions(6, 300));
    }

    [Fact]
    public void Unknown_policy_is_a_user_error_listing_known_ones()
    {
        var e = Assert.Throws<Orrery.Core.Errors.OrreryException>(() => PolicyRegistry.Create("greedy", new MazeEnvironment(0)));
        Assert.Contains("explorer", e.Message);
    }
}
