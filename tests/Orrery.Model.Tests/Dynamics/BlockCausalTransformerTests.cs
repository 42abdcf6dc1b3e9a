using Orrery.Core.Spaces;
using Orrery.Model.Configs;
using Orrery.Model.Dynamics;
using static TorchSharp.torch;

namespace Orrery.Model.Tests.Dynamics;

public class BlockCausalTransformerTests
{
    [Fact]
    public void Step_with_cache_matches_full_recompute_including_after_the_window_rolls()
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        manual_seed(3);
        var cfg = Presets.Tiny.Dynamics;                                   // K = 4
        using var model = new BlockCausalTransformer(cfg, latentChannels: 8, tokensPerFrame: 4, new DiscreteActionSpace(["a", "b", "c", "d", "e"], "a"));
        foreach (var p in model.parameters()) p.copy_(randn_like(p) * 0.3);   // adaLN-Zero starts as identity; make every path matter
        const int frames = 9;                                              // rolls 5 times past K
        var latents = randn(1, frames, 4, 8);
        var actions = tensor(new long[] { 0, 1, 2, 3, 4, 5, 0, 1, 2 }, [1, frames]);
        var levels = zeros(1, frames);
        var full = model.Forward(latents, actions, levels);               // (1, T, N, D)
        using var cache = new KvCache(cfg.Depth, 4);
        for (var t = 0; t < frames; t++)
        {
            Tensor[]? pastK = cache.Frames == 0 ? null : Enumerable.Range(0, cfg.Depth).Select(l => cache.Keys(l)!).ToArray();
            Tensor[]? pastV = cache.Frames == 0 ? null : Enumerable.Range(0, cfg.Depth).Select(l => cache.Values(l)!).ToArray();
            var (features, keys, values) = model.StepFrame(latents[.., t], actions[.., t], levels[.., t], tensor(new long[] { t }), pastK, pastV);
            cache.Append(keys, values, cfg.ContextFrames - 1);
            var diff = (features - full[.., t]).abs().max().item<float>();
            Assert.True(diff < 1e-4, $"frame {t}: cached step differs from full recompute by {diff}");
        }
        Assert.Equal(cfg.ContextFrames - 1, cache.Frames);
    }

    [Fact]
    public void A_frame_ignores_frames_after_it_and_frames_beyond_the_window()
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        manual_seed(4);
        var cfg = Presets.Tiny.Dynamics;
        using var model = new BlockCausalTransformer(cfg, 8, 4, new DiscreteActionSpace(["a", "b", "c", "d", "e"], "a"));
        foreach (var p in model.parameters()) p.copy_(randn_like(p) * 0.3);
        var latents = randn(1, 6, 4, 8);
        var actions = zeros(new long[] { 1, 6 }, dtype: ScalarType.Int64);
        var before = model.Forward(latents, actions, zeros(1, 6));
        var changed = latents.clone();
        changed[0, 5] = randn(4, 8);                                      // a later frame
        var after = model.Forward(changed, actions, zeros(1, 6));
        Assert.True(before[.., ..5].equal(after[.., ..5]).all().item<bool>());
        Assert.False(before[.., 5].equal(after[.., 5]).all().item<bool>());
    }
}
