using Orrery.Core.Spaces;
using Orrery.Model.Configs;
using Orrery.Model.Memory;
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
    private readonly Sequential? memoryKey;       // slot features (2S+1, MemoryRecall) -> (D), added to every recalled token
    private readonly DynamicsConfig cfg;

    /// <summary>memoryKeySize: S, the size of the memory stream (0: no memory).</summary>
    public BlockCausalTransformer(DynamicsConfig cfg, int latentChannels, int tokensPerFrame, ActionSpace? actions, int memoryKeySize = 0) : base(nameof(BlockCausalTransformer))
    {
        this.cfg = cfg;
        Tokens = tokensPerFrame;
        tokenIn = Linear(latentChannels, cfg.Width);
        spatial = Parameter(randn(tokensPerFrame, cfg.Width).mul_(0.02));
        actionEmbed = ActionEncoders.Create(actions, cfg.Width);
        noiseEmbed = Sequential(("fc1", Linear(64, cfg.Width)), ("act", SiLU()), ("fc2", Linear(cfg.Width, cfg.Width)));
        blocks = new ModuleList<Block>(Enumerable.Range(0, cfg.Depth).Select(_ => new Block(cfg.Width, cfg.Heads, cfg.MlpRatio, memoryKeySize > 0)).ToArray());
        finalNorm = new AdaptiveLayerNorm(cfg.Width);
        if (memoryKeySize > 0) memoryKey = Sequential(("fc1", Linear(MemoryRecall.SlotFeatures(memoryKeySize), cfg.Width)), ("act", SiLU()), ("fc2", Linear(cfg.Width, cfg.Width)));
        RegisterComponents();
    }

    /// <summary>Tokens per frame N.</summary>
    public int Tokens { get; }

    public int Depth => cfg.Depth;

    private int HeadDim => cfg.Width / cfg.Heads;

    /// <summary>
    /// Whole clips: latents (B, T, N, C), next actions (B, T) or (B, T, A) from <see cref="ActionTensors"/>, levels (B, T)
    /// -> features (B, T, N, D). Frame t sits at time position firstFrame + t. With a memory, each frame also reads
    /// the frames recalled for it.
    /// </summary>
    public Tensor Forward(Tensor latents, Tensor nextActions, Tensor levels, long firstFrame = 0, MemoryInput? memory = null)
    {
        long b = latents.shape[0], t = latents.shape[1];
        var (x, cond) = Embed(latents, nextActions, levels);                                        // (B, T, N, D), (B, T, D)
        var recalled = Recalled(memory);                                                            // (B*T, M*N, D)
        var framePos = arange(firstFrame, firstFrame + t, dtype: ScalarType.Int64).repeat_interleave(Tokens);   // (T*N)
        var (cos, sin) = RotaryEmbedding.Table(framePos, HeadDim, cfg.RopeBase, x.dtype);           // (T*N, hd)
        var frame = arange(t, dtype: ScalarType.Int64).repeat_interleave(Tokens);                   // (T*N)
        var gap = frame.unsqueeze(1) - frame.unsqueeze(0);                                          // (T*N, T*N) query frame - key frame
        var mask = gap.ge(0).logical_and(gap.lt(cfg.ContextFrames));                               // sliding block-causal window
        foreach (var block in blocks)
            (x, _, _) = block.Forward(x, cond, cos, sin, mask, null, null, recalled);
        return finalNorm.Forward(x, cond).Modulated;
    }

    /// <summary>
    /// One frame per batch row through every layer, attending over cached keys/values: latent (B, N, C), next action (B) or (B, A),
    /// level (B), time positions (B); past keys/values per layer (B, H, Lpast, hd) or null. Returns features (B, N, D)
    /// and the new frame's keys/values per layer (B, H, N, hd). With a memory, the frame reads the frames recalled for
    /// it (T = 1).
    /// </summary>
    public (Tensor Features, Tensor[] Keys, Tensor[] Values) StepFrame(Tensor latent, Tensor nextAction, Tensor level, Tensor positions, Tensor[]? pastKeys, Tensor[]? pastValues, MemoryInput? memory = null)
    {
        long b = latent.shape[0];
        var (x, cond) = Embed(latent.unsqueeze(1), nextAction.unsqueeze(1), level.unsqueeze(1));   // (B, 1, N, D), (B, 1, D)
        var (cos, sin) = RotaryEmbedding.Table(positions, HeadDim, cfg.RopeBase, x.dtype);          // (B, hd)
        cos = cos.view(b, 1, 1, HeadDim);
        sin = sin.view(b, 1, 1, HeadDim);
        var keys = new Tensor[cfg.Depth];
        var values = new Tensor[cfg.Depth];
        var recalled = Recalled(memory);                                                            // (B, M*N, D)
        for (var i = 0; i < cfg.Depth; i++)
            (x, keys[i], values[i]) = blocks[i].Forward(x, cond, cos, sin, null, pastKeys?[i], pastValues?[i], recalled);
        return (finalNorm.Forward(x, cond).Modulated.squeeze(1), keys, values);                   // (B, N, D)
    }

    /// <summary>
    /// The recalled frames as tokens: each embedded like a frame's own (token input and spatial position) plus its key
    /// relative to the query: (B, T, M, N, C) and (B, T, M, 2S+1) -> (B*T, M*N, D); null without a memory.
    /// </summary>
    private Tensor? Recalled(MemoryInput? memory)
    {
        if (memory is null || memoryKey is null) return null;
        var latents = memory.Latents;
        long b = latents.shape[0], t = latents.shape[1], m = latents.shape[2], n = latents.shape[3];
        var tokens = tokenIn.forward(latents) + spatial + memoryKey.forward(memory.Keys).unsqueeze(3);   // (B, T, M, N, D)
        return tokens.reshape(b * t, m * n, -1);
    }

    /// <summary>The action encoder's features: next actions (B) or (B, A) -> (B, D) (what the memory's key head anticipates from).</summary>
    public Tensor ActionFeatures(Tensor nextActions) => actionEmbed.forward(nextActions);

    private (Tensor X, Tensor Cond) Embed(Tensor latents, Tensor nextActions, Tensor levels)
    {
        var x = tokenIn.forward(latents) + spatial;                                                 // (B, T, N, D)
        var cond = actionEmbed.forward(nextActions) + noiseEmbed.forward(Sinusoid.Features(levels.to(x.dtype), 64));   // (B, T, D)
        return (x, cond);
    }
}
