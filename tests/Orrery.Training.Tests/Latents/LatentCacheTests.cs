using Orrery.Model;
using Orrery.Model.Tests;
using Orrery.Training.Latents;
using static TorchSharp.torch;

namespace Orrery.Training.Tests.Latents;

public class LatentCacheTests
{
    [Fact]
    public void Short_episodes_are_encoded_in_full_batches_across_episode_boundaries_with_progress_after_each()
    {
        var corpus = SyntheticData.MovingSquare(20, 7);   // 140 frames: 3 passes of up to 64 frames, not 20 of 7
        manual_seed(1);
        using var net = new WorldModelNetwork(TestRuns.Tiny(streamHeads: []), corpus.World);
        var reports = new List<EncodingProgress>();
        using var cache = new LatentCache(corpus, corpus, reports.Add);

        cache.Encode(net);

        Assert.Equal([64L, 128, 140], reports.Select(r => r.Frames));
        Assert.All(reports, r => Assert.Equal(140, r.TotalFrames));
    }

    [Fact]
    public void Latents_batched_across_episodes_equal_each_episode_encoded_alone()
    {
        var corpus = SyntheticData.MovingSquare(5, 30);
        manual_seed(1);
        using var net = new WorldModelNetwork(TestRuns.Tiny(streamHeads: []), corpus.World);
        using var cache = new LatentCache(corpus, corpus);

        var latents = cache.Train(net);

        using var noGrad = no_grad();
        for (var e = 0; e < corpus.Episodes.Count; e++)
        {
            using var scope = NewDisposeScope();
            var episode = corpus.Episodes[e];
            var alone = net.Tokenizer.Encode(FrameTensors.FromBytes(episode.Frames, episode.Length, corpus.Spec));   // (T, N, C)
            Assert.True(alone.equal(latents[e]).all().item<bool>(), $"episode {e} differs");
        }
    }

    [Fact]
    public void A_separate_validation_corpus_counts_in_the_total()
    {
        var (train, validation) = SyntheticData.MovingSquare(4, 10).HoldOut(1);
        manual_seed(1);
        using var net = new WorldModelNetwork(TestRuns.Tiny(streamHeads: []), train.World);
        var reports = new List<EncodingProgress>();
        using var cache = new LatentCache(train, validation!, reports.Add);

        Assert.Equal(10, cache.Validation(net)[0].shape[0]);
        Assert.Equal(40, reports[^1].Frames);
        Assert.Equal(40, reports[^1].TotalFrames);
    }
}
