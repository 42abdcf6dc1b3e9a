using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>
/// Reads one stream of frame t+1 (state, reward, success) off the latents of frames t and t+1: in training the
/// tokenizer's latents of the recorded frames, in a rollout the newest latent and the one the dynamics just predicted.
/// A perception task, not a prediction: the dynamics already carries the world forward in its latents, and what a
/// state holds (where the arm and the block are, how fast they move) is visible in two consecutive frames. An earlier
/// head that predicted the streams from the trunk's features was off by 2-3 cm one frame ahead even for a target that
/// never moves (bench/StreamDrift.cs); a robot task's success hangs on such centimetres.
/// <para>Each token's two latents are first narrowed to <see cref="TokenWidth"/> channels, and the narrowed tokens
/// are read in order by a two-layer MLP (not mean-pooled: a mean forgets which token held the block).</para>
/// <para>The MLP works in standard units: each field is centred and scaled by its mean and standard deviation in the
/// training data (buffers, so the weights file alone reproduces the head). A loss in raw units is ruled by the widest
/// field (angular velocities of several rad/s) and ignores positions of a few centimetres.</para>
/// </summary>
public sealed class StreamHead : Module<Tensor, Tensor, Tensor>
{
    /// <summary>Channels kept per token before the tokens are read together.</summary>
    public const int TokenWidth = 8;

    private readonly Linear narrow;   // (2C) -> (TokenWidth), per token
    private readonly Linear fc1;      // (N * TokenWidth) -> (hidden)
    private readonly SiLU act;
    private readonly Linear fc2;      // (hidden) -> (S)
    private readonly Tensor center;   // (S) each field's mean in the training data
    private readonly Tensor scale;    // (S) each field's standard deviation there

    /// <summary>A head over <paramref name="tokens"/> tokens of <paramref name="latentChannels"/> channels per frame, for a stream of <paramref name="size"/> fields.</summary>
    public StreamHead(int latentChannels, int hidden, int tokens, int size) : base(nameof(StreamHead))
    {
        narrow = Linear(2 * latentChannels, TokenWidth);
        fc1 = Linear(tokens * TokenWidth, hidden);
        act = SiLU();
        fc2 = Linear(hidden, size);
        center = zeros(size);
        scale = ones(size);
        register_buffer(CenterName, center);
        register_buffer(ScaleName, scale);
        RegisterComponents();
    }

    private const string CenterName = "center", ScaleName = "scale";

    /// <summary>Sets each field's mean and standard deviation (S each); a constant field keeps a scale of <paramref name="minScale"/>.</summary>
    public void Calibrate(float[] mean, float[] std, float minScale = 1e-3f)
    {
        using var noGrad = no_grad();
        center.copy_(tensor(mean));
        scale.copy_(tensor(std).clamp_min(minScale));
    }

    /// <summary>The stream of the later frame in standard units: latents (..., N, C) of frames t and t+1 -> (..., S).</summary>
    public Tensor Standardised(Tensor current, Tensor next)
    {
        var tokens = narrow.forward(cat([current, next], -1)).flatten(-2);             // (..., N * TokenWidth)
        return fc2.forward(act.forward(fc1.forward(tokens)));                          // (..., S)
    }

    /// <summary>Recorded rows (..., S) in the standard units <see cref="Standardised"/> gives.</summary>
    public Tensor Standardise(Tensor rows) => (rows - center.to(rows.dtype)) / scale.to(rows.dtype);

    /// <summary>The stream of the later frame in its own units: latents (..., N, C) of frames t and t+1 -> (..., S).</summary>
    public override Tensor forward(Tensor current, Tensor next)
    {
        var standard = Standardised(current, next);                                     // (..., S)
        return standard * scale.to(standard.dtype) + center.to(standard.dtype);
    }
}
