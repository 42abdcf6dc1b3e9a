using Orrery.Core.Spaces;
using Orrery.Model.Configs;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>
/// The dynamics trunk: a transformer over frame tokens, block-causal in time with a sliding window of K frames
/// (a frame's tokens see each other and the K-1 frames before it). Frame t is conditioned (adaLN) on the action
/// that produces frame t+1 and on its own context-noise level; its output features predict frame t+1's latent.
/// </summary>
public sealed class BlockCausalTransformer : Module
{
    private readonly Linear tokenIn;               // (C) -> (D)
    private readonly Parameter spatial;            // (N, D) learned position of a token within its frame
    private readonly Module<Tensor, Tensor> actionEmbed;   // actions -> (D); see ActionEncoders
    private readonly Sequential noiseEmbed;        // sinusoid(level) (64) -> (D)
    private readonly ModuleList<Block> blocks;
    private readonly AdaptiveLayerNorm finalNorm;
    private readonly DynamicsConfig cfg;

    public BlockCausalTransformer(DynamicsConfig cfg, int latentChannels, int tokensPerFrame, ActionSpace? actions) : base(nameof(BlockCausalTransformer))
    {
        this.cfg = cfg;
        Tokens = tokensPerFrame;
        tokenIn = Linear(latentChannels, cfg.Width);
        spatial = Parameter(randn(tokensPerFrame, cfg.Width).mul_(0.02));
        actionEmbed = ActionEncoders.Create(actions, cfg.Width);
        noiseEmbed = Sequential(("fc1", Linear(64, cfg.Width)), ("act", SiLU()), ("fc2", Linear(cfg.Width, cfg.Width)));
        blocks = new ModuleList<Block>(Enumerable.Range(0, cfg.Depth).Select(_ => new Block(cfg.Width, cfg.Heads, cfg.MlpRatio)).ToArray());
        finalNorm = new AdaptiveLayerNorm(cfg.Width);
        RegisterComponents();
    }

    /// <summary>Tokens per frame N.</summary>
    public int Tokens { get; }

    public int Depth => cfg.Depth;

    private int HeadDim => cfg.Width / cfg.Heads;

    /// <summary>
    /// Whole clips: latents (B, T, N, C), next actions (B, T) or (B, T, A) from <see cref="ActionTensors"/>, levels (B, T)
    /// -> features (B, T, N, D). Frame t sits at time position firstFrame + t.
    /// </summary>
    public Tensor Forward(Tensor latents, Tensor nextActions, Tensor levels, long firstFrame = 0)
    {
        long b = latents.shape[0], t = latents.shape[1];
        var (x, cond) = Embed(latents, nextActions, levels);                                        // (B, T, N, D), (B, T, D)
        var framePos = arange(firstFrame, firstFrame + t, dtype: ScalarType.Int64).repeat_interleave(Tokens);   // (T*N)
        var (cos, sin) = RotaryEmbedding.Table(framePos, HeadDim, cfg.RopeBase, x.dtype);           // (T*N, hd)
        var frame = arange(t, dtype: ScalarType.Int64).repeat_interleave(Tokens);                   // (T*N)
        var gap = frame.unsqueeze(1) - frame.unsqueeze(0);                                          // (T*N, T*N) query frame - key frame
        var mask = gap.ge(0).logical_and(gap.lt(cfg.ContextFrames));                               // sliding block-causal window
        foreach (var block in blocks)
            (x, _, _) = block.Forward(x, cond, cos, sin, mask, null, null);
        return finalNorm.Forward(x, cond).Modulated;
    }

    /// <summary>
    /// One frame per batch row through every layer, attending over cached keys/values: latent (B, N, C), next action (B) or (B, A),
    /// level (B), time positions (B); past keys/values per layer (B, H, Lpast, hd) or null. Returns features (B, N, D)
    /// and the new frame's keys/values per layer (B, H, N, hd).
    /// </summary>
    public (Tensor Features, Tensor[] Keys, Tensor[] Values) StepFrame(Tensor latent, Tensor nextAction, Tensor level, Tensor positions, Tensor[]? pastKeys, Tensor[]? pastValues)
    {
        long b = latent.shape[0];
        var (x, cond) = Embed(latent.unsqueeze(1), nextAction.unsqueeze(1), level.unsqueeze(1));   // (B, 1, N, D), (B, 1, D)
        var (cos, sin) = RotaryEmbedding.Table(positions, HeadDim, cfg.RopeBase, x.dtype);          // (B, hd)
        cos = cos.view(b, 1, 1, HeadDim);
        sin = sin.view(b, 1, 1, HeadDim);
        var keys = new Tensor[cfg.Depth];
        var values = new Tensor[cfg.Depth];
        for (var i = 0; i < cfg.Depth; i++)
            (x, keys[i], values[i]) = blocks[i].Forward(x, cond, cos, sin, null, pastKeys?[i], pastValues?[i]);
        return (finalNorm.Forward(x, cond).Modulated.squeeze(1), keys, values);                   // (B, N, D)
    }

    private (Tensor X, Tensor Cond) Embed(Tensor latents, Tensor nextActions, Tensor levels)
    {
        var x = tokenIn.forward(latents) + spatial;                                                 // (B, T, N, D)
        var cond = actionEmbed.forward(nextActions) + noiseEmbed.forward(Sinusoid.Features(levels.to(x.dtype), 64));   // (B, T, D)
        return (x, cond);
    }
}
