using Orrery.Model.Memory;
using static TorchSharp.torch;

namespace Orrery.Model.Tests.Memory;

public class MemoryBankTests
{
    /// <summary>A bank that kept frames 0-4 at keys 0-4 (one field), each latent filled with its frame index.</summary>
    private static MemoryBank Walked(int minAge)
    {
        var bank = new MemoryBank(1, 0.05, minAge);
        for (var f = 0; f < 5; f++) bank.Offer(full(1, 2, 3, (float)f), [f], f);   // (1, N, C)
        return bank;
    }

    [Theory]
    [InlineData(0, new[] { 4f, 3f })]    // the newest frames are nearest the query
    [InlineData(2, new[] { 2f, 1f })]    // frames 3 and 4 are younger than 2 frames when stepping frame 4
    [InlineData(9, new float[0])]        // nothing is old enough: both slots empty
    public void Only_frames_at_least_min_age_old_are_recalled(int minAge, float[] recalled)
    {
        using var bank = Walked(minAge);
        using var scope = NewDisposeScope();
        var memory = bank.Recall([4], 2, zeros(1, 2, 3), newest: 4);
        var latents = memory.Latents.view(2, -1).select(1, 0).data<float>().ToArray();   // each slot's fill value
        var absent = memory.Keys.view(2, -1).select(1, 2).data<float>().ToArray();        // each slot's absent flag
        Assert.Equal(recalled, latents.Take(recalled.Length));
        Assert.Equal(Enumerable.Range(0, 2).Select(m => m < recalled.Length ? 0f : 1f), absent);
    }

    [Fact]
    public void A_copy_keeps_the_frame_indices_so_it_recalls_like_the_original()
    {
        using var bank = Walked(2);
        using var copy = bank.Clone();
        using var scope = NewDisposeScope();
        Assert.Equal(bank.Frames, copy.Frames);
        Assert.True(bank.Recall([4], 2, zeros(1, 2, 3), 4).Latents.equal(copy.Recall([4], 2, zeros(1, 2, 3), 4).Latents).all().item<bool>());
    }
}
