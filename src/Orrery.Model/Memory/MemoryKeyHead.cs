using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Memory;

/// <summary>
/// Predicts the memory stream's next value (the key of frame t+1, e.g. the maze's pose) as a change from frame t's
/// key, from the trunk's features of frame t and that key: where the agent stands after the action depends on where it
/// stood and which way it faced, which no single view shows. A rollout keys its memory with these predictions, so it
/// needs no truth. Like <see cref="Dynamics.StreamHead"/> it reads every token narrowed, in order, and works in
/// standard units: the key in the data's standard deviation of keys, the change in that of changes.
///
/// It also anticipates, before the frame is run, where its action will lead (from the key and the action alone):
/// the memory recalls the frames kept nearest that place, so that the view the next frame should show is among them.
/// Walls the action may run into are not seen there. The anticipated change is an affine map of the key whose
/// coefficients the action chooses: a rigid motion with the heading as cosine and sine (turn: a rotation; step: the
/// heading times the stride) is exactly such a map, so a turn and its opposite can undo each other to the last digit,
/// where an MLP of key and action only approximates it and 48 turns add its errors up.
/// </summary>
public sealed class MemoryKeyHead : Module
{
    private const int TokenWidth = Dynamics.StreamHead.TokenWidth;

    private readonly Linear narrow;   // (D) -> (TokenWidth), per token
    private readonly Linear fc1;      // (N * TokenWidth + S) -> (D)
    private readonly SiLU act;
    private readonly Linear fc2;      // (D) -> (S)
    private readonly Sequential anticipate;   // (D) action features -> (S * (S + 1)): the affine map of the key, per action
    private readonly Tensor center;   // (S) the keys' mean in the training data
    private readonly Tensor scale;    // (S) their standard deviation
    private readonly Tensor step;     // (S) the standard deviation of a key's change from one frame to the next

    private readonly double deadband;
    private readonly int size;

    /// <summary>deadband: standardised changes smaller than this are no change, predicted or anticipated, in training queries and at inference (dynamics.memoryKeyDeadband).</summary>
    public MemoryKeyHead(int width, int tokens, int size, double deadband = 0) : base(nameof(MemoryKeyHead))
    {
        this.deadband = deadband;
        narrow = Linear(width, TokenWidth);
        fc1 = Linear(tokens * TokenWidth + size, width);
        act = SiLU();
        fc2 = Linear(width, size);
        this.size = size;
        anticipate = Sequential(("fc1", Linear(width, width)), ("act", SiLU()), ("fc2", Linear(width, size * (size + 1))));
        center = zeros(size);
        scale = ones(size);
        step = ones(size);
        register_buffer(nameof(center), center);
        register_buffer(nameof(scale), scale);
        register_buffer(nameof(step), step);
        RegisterComponents();
    }

    /// <summary>Sets the standard units from the training data (S each); constant fields keep a scale of minScale.</summary>
    public void Calibrate(float[] mean, float[] std, float[] stepStd, float minScale = 1e-3f)
    {
        using var noGrad = no_grad();
        center.copy_(tensor(mean));
        scale.copy_(tensor(std).clamp_min(minScale));
        step.copy_(tensor(stepStd).clamp_min(minScale));
    }

    /// <summary>
    /// The predicted change in standard units: features (..., N, D), keys (..., S) float32 -> (..., S). Keys stay
    /// float32 until standardised: bf16 keeps 3 significant digits, too few for a position of 10.37 cells.
    /// </summary>
    public Tensor StandardisedChange(Tensor features, Tensor keys)
    {
        var tokens = narrow.forward(features).flatten(-2);                                       // (..., N * TokenWidth)
        return fc2.forward(act.forward(fc1.forward(cat([tokens, Standardise(keys).to(tokens.dtype)], -1))));   // (..., S)
    }

    /// <summary>The anticipated change in standard units: keys (..., S) float32, action features (..., D) -> (..., S).</summary>
    public Tensor StandardisedAnticipation(Tensor keys, Tensor actionFeatures)
    {
        var flat = anticipate.forward(actionFeatures);                                                        // (..., S*(S+1))
        var map = flat.view([.. flat.shape[..^1], size, size + 1]);                                           // (..., S, S+1)
        var key = Standardise(keys).to(map.dtype);                                                           // (..., S)
        var affine = cat([key, ones_like(key.narrow(-1, 0, 1))], -1).unsqueeze(-1);                        // (..., S+1, 1)
        return matmul(map, affine).squeeze(-1);                                                              // (..., S)
    }

    /// <summary>Where the action is expected to lead, float32: keys (..., S) float32, action features (..., D) -> (..., S).</summary>
    public Tensor Anticipate(Tensor keys, Tensor actionFeatures) => Apply(keys, StandardisedAnticipation(keys, actionFeatures));

    private Tensor Standardise(Tensor keys) => (keys.to(ScalarType.Float32) - center.to(ScalarType.Float32)) / scale.to(ScalarType.Float32);

    /// <summary>A recorded change (..., S) in the units <see cref="StandardisedChange"/> predicts.</summary>
    public Tensor StandardiseChange(Tensor change) => change / step.to(change.dtype);

    /// <summary>The next key, float32: features (..., N, D), keys (..., S) float32 -> (..., S) in the stream's own units.</summary>
    public Tensor Next(Tensor features, Tensor keys) => Apply(keys, StandardisedChange(features, keys));

    /// <summary>keys (..., S) plus a standardised change (..., S), its fields inside the deadband taken as 0; float32.</summary>
    private Tensor Apply(Tensor keys, Tensor standardChange)
    {
        var change = standardChange.to(ScalarType.Float32);
        if (deadband > 0) change = change.masked_fill(change.abs().lt(deadband), 0);
        return keys.to(ScalarType.Float32) + change * step.to(ScalarType.Float32);
    }
}
