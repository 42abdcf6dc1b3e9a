using System.Text.Json.Serialization;

namespace Orrery.Model.Configs;

/// <summary>The block-causal transformer over frame tokens, its prediction head and its context noise.</summary>
public sealed record DynamicsConfig
{
    /// <summary>Model width D. Default 192.</summary>
    public int Width { get; init; } = 192;

    /// <summary>Transformer blocks. Default 4.</summary>
    public int Depth { get; init; } = 4;

    /// <summary>Attention heads (Width must be a multiple; head size must be even for rotary). Default 6.</summary>
    public int Heads { get; init; } = 6;

    /// <summary>MLP hidden size as a multiple of Width. Default 4.</summary>
    public int MlpRatio { get; init; } = 4;

    /// <summary>Context window K in frames: a frame attends to itself and the K-1 frames before it. Default 8.</summary>
    public int ContextFrames { get; init; } = 8;

    /// <summary>Rotary base for the time (frame index) positions. Default 10000.</summary>
    public double RopeBase { get; init; } = 10000;

    /// <summary>
    /// "regression" (MSE on the next latent), "flow" (rectified-flow per-token head) or "categorical" (cross-entropy
    /// over the codebook; needs tokenizer.levels). Default "regression".
    /// </summary>
    public DynamicsHead Head { get; init; } = DynamicsHead.Regression;

    /// <summary>Hidden width of the flow head's per-token MLP. Default 256.</summary>
    public int FlowWidth { get; init; } = 256;

    /// <summary>Residual MLP blocks in the flow head. Default 3.</summary>
    public int FlowDepth { get; init; } = 3;

    /// <summary>Euler steps when sampling the flow head (1-4). Default 2.</summary>
    public int FlowSteps { get; init; } = 2;

    /// <summary>Largest context-noise std added to context latents in training (Diffusion Forcing / GameNGen). Default 0.3.</summary>
    public double MaxContextNoise { get; init; } = 0.3;

    /// <summary>Context-noise level used at inference (added to generated context and given as the condition). Default 0.</summary>
    public double InferenceContextNoise { get; init; }

    /// <summary>
    /// Temperature of the categorical head's sampling: 0 takes the most likely code of every token (greedy), above 0
    /// samples, seeded. A setting of inference (and of training's own rollouts), not of the weights. Default 0.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]   // greedy manifests (maze-v1) read back unchanged
    public double SampleTemperature { get; init; }

    /// <summary>
    /// Min-p sampling (0..1; 0, the default, is off): a sampled code must be at least this share as likely as the
    /// token's most likely code, so the long tail of a 1,000-code distribution, where a wrong wall's texture sits,
    /// is never drawn. A setting of inference, like the temperature.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double SampleMinP { get; init; }

    /// <summary>
    /// How much of a frame's sampling noise carries over to the next frame (0..1; 0, the default, draws it fresh every
    /// frame). Each frame's noise is rho times the last frame's plus sqrt(1 - rho^2) times a fresh draw, so every frame
    /// still samples from its own distribution, but a token whose distribution did not change keeps its code instead of
    /// being redrawn: what changes from one frame to the next is what the action changed, not the dice. A setting of
    /// inference, like the temperature.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double SampleNoiseCorrelation { get; init; }

    /// <summary>
    /// Classifier-free guidance on the action (0, the default, is off; else above 1): each generated frame is also
    /// predicted under the learned "unknown" action, and the trunk's features handed to the head are the unknown
    /// action's plus this many times the step from them to the real action's. The head's scores are linear in the
    /// features, so this is guidance on the scores. It costs a second trunk pass per frame. A setting of inference,
    /// like the temperature.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double ActionGuidance { get; init; }

    /// <summary>
    /// Colour groups of the codebook (0, the default, is off; else 2..64): the codes are grouped by the colour their
    /// decoded patch has, and each token first draws its group, then a code within it. All of a frame's tokens draw
    /// their group with one shared uniform against the groups' cumulative probabilities in one fixed order, so tokens
    /// unsure between two wall textures take the same one rather than each its own: a frame is one texture where the
    /// head hesitates, not a collage. Each token's code keeps exactly its own probability; only the draws of a frame's
    /// tokens are tied. A setting of inference, like the temperature (training's own rollouts draw every token alone).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int SampleColourGroups { get; init; }

    /// <summary>
    /// Layers of the categorical head's masked decoder (MaskGIT, as in Genie): 0 samples every token of a frame on its
    /// own; above 0, a bidirectional transformer of this depth over the frame's tokens chooses the codes in rounds, each
    /// seeing the codes already chosen, so one frame is one coherent draw. Default 0.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]   // manifests from before it read back unchanged
    public int MaskedLayers { get; init; }

    /// <summary>Rounds of masked decoding per frame (1..64); unset means 4. Used only when MaskedLayers > 0.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaskedRounds { get; init; }

    /// <summary>
    /// The stream that keys the model's memory (null, the default: no memory beyond the K-frame window). Every frame of
    /// a rollout is kept with its value of this stream (e.g. the maze's pose); before each step the
    /// <see cref="MemoryFrames"/> kept frames whose keys are nearest the key the action leads to are shown to every
    /// layer through cross-attention, with their keys relative to that one (WorldMem: views retrieved by pose). The model
    /// predicts the stream itself (a change from the current value), so a rollout keys its memory without the truth.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MemoryStream { get; init; }

    /// <summary>Frames recalled per step (1..16); unset means 4. Used only with a MemoryStream.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MemoryFrames { get; init; }

    /// <summary>
    /// A frame whose key lies within this Euclidean distance of a kept frame's is not kept: the first view of a place
    /// stays its memory, and standing still does not fill the memory. Unset means 0.05 (the maze turns 0.13 per step
    /// in cosine-sine and walks 0.08-0.12 cells). Used only with a MemoryStream.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MemoryMergeDistance { get; init; }

    /// <summary>
    /// A predicted or anticipated change of a key field smaller than this many standard deviations of that field's
    /// change in the data is taken as no change (0: off). Unset means 0.05. A regression's small errors add up over a
    /// rollout: standing still for a minute is 1,440 steps, and a bias of a thousandth of a cell each would walk the key
    /// a cell and a half away from the place the view is remembered at (measured on a maze model keyed by dead
    /// reckoning: 0.49 off after a minute without it, 0.006 with 0.05). Training queries the memory with it too.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MemoryKeyDeadband { get; init; }

    /// <summary>
    /// Where a generated frame's memory key comes from at inference (<see cref="Configs.MemoryKeySource"/>; action,
    /// dead reckoning, by default). A setting of inference, not of the weights: both heads are always trained.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public MemoryKeySource MemoryKeySource { get; init; }

    /// <summary>
    /// How old, in frames, a kept frame must be before it can be recalled (0, the default: any kept frame, the newest
    /// included). ContextFrames leaves out every frame the window still holds, so the memory can only bring back what
    /// the window has lost: the model cannot copy the view it is about to see from a frame a step or two old, and must
    /// carry the action's effect itself. Training and inference read it alike.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int MemoryMinAge { get; init; }

    /// <summary>MemoryFrames when unset.</summary>
    public const int DefaultMemoryFrames = 4;

    /// <summary>MemoryMergeDistance when unset.</summary>
    public const double DefaultMemoryMergeDistance = 0.05;

    /// <summary>MemoryKeyDeadband when unset.</summary>
    public const double DefaultMemoryKeyDeadband = 0.05;

    /// <summary>MemoryFrames, its default when unset: the one place training and inference read it from.</summary>
    [JsonIgnore]
    public int ResolvedMemoryFrames => MemoryFrames ?? DefaultMemoryFrames;

    /// <summary>MemoryMergeDistance, its default when unset.</summary>
    [JsonIgnore]
    public double ResolvedMemoryMergeDistance => MemoryMergeDistance ?? DefaultMemoryMergeDistance;

    /// <summary>MemoryKeyDeadband, its default when unset.</summary>
    [JsonIgnore]
    public double ResolvedMemoryKeyDeadband => MemoryKeyDeadband ?? DefaultMemoryKeyDeadband;

    /// <summary>
    /// Streams the model predicts, one head each (e.g. state, reward, success). Null in a preset or override means
    /// every stream of the training data; a checkpoint records the resolved list ([] for none).
    /// </summary>
    public IReadOnlyList<string>? StreamHeads { get; init; }
}
