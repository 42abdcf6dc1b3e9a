using Orrery.Model.Memory;

namespace Orrery.Model.Tests.Memory;

public class MemoryRecallTests
{
    private static readonly float[][] Kept = [[0, 0], [1, 0], [0, 2], [1, 0]];

    [Fact]
    public void A_key_near_a_kept_one_is_not_kept_and_a_far_one_is()
    {
        Assert.False(MemoryRecall.Admits(Kept, Kept.Length, [0.03f, 0.03f], 0.05));
        Assert.True(MemoryRecall.Admits(Kept, Kept.Length, [0.5f, 0.5f], 0.05));
        Assert.True(MemoryRecall.Admits(Kept, 0, [0, 0], 0.05));                       // nothing kept yet
    }

    [Fact]
    public void Recall_gives_the_nearest_first_the_older_of_equals_first_and_only_what_is_kept()
    {
        Assert.Equal([1, 3, 0], MemoryRecall.Nearest(Kept, Kept.Length, [0.9f, 0], 3));
        Assert.Equal([0, 1], MemoryRecall.Nearest(Kept, 2, [0, 1.9f], 3));             // entries past `count` are not yet kept
        Assert.Empty(MemoryRecall.Nearest(Kept, 0, [0, 0], 3));
    }

    [Fact]
    public void A_slot_reads_the_key_relative_to_the_query_and_an_empty_slot_is_flagged()
    {
        var slot = new float[MemoryRecall.SlotFeatures(2)];
        MemoryRecall.WriteRelativeKey([1, 2], [0.5f, 3], slot);
        Assert.Equal([0.5f, -1, 0.5f, 3, 0], slot);
        MemoryRecall.WriteEmpty(slot);
        Assert.Equal([0, 0, 0, 0, 1], slot);
    }
}
