using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>
/// Predicts one stream of frame t+1 (state, reward, success) from the trunk's features of frame t. Each token is
/// first narrowed to <see cref="TokenWidth"/> channels, and the narrowed tokens are read in order by a two-layer MLP.
/// Not mean-pooled: a mean forgets which token held the pusher or the block, and a state is mostly positions.
/// The MLP works in standard units: each field is centred and scaled by its mean and standard deviation in the
/// training data (buffers, so the weights file alone reproduces the head). Without them a loss in raw units is ruled
/// by the widest field (angular velocities of several rad/s) and ignores positions of a few centimetres, which are
/// what a task's success depends on. Uncalibrated (centre 0, scale 1) it is the raw-unit head older checkpoints hold.
/// </summary>
public sealed class StreamHead : Module<Tensor, Tensor>
{
    /// <summary>Channels kept per token before the tokens are read together.</summary>
    public const int TokenWidth = 8;

    private readonly Linear narrow;   // (D) -> (TokenWidth), per token
    private readonly Linear fc1;      // (N * TokenWidth) -> (D)
    private readonly SiLU act;
    private readonly Linear fc2;      // (D) -> (S)
    private readonly Tensor center;   // (S) each field's mean in the training data
    private readonly Tensor scale;    // (S) each field's standard deviation there

    public StreamHead(int width, int tokens, int size) : base(nameof(StreamHead))
    {
        narrow = Linear(width, TokenWidth);
        fc1 = Linear(tokens * TokenWidth, width);
        act = SiLU();
        fc2 = Linear(width, size);
        center = zeros(size);
        scale = ones(size);
        register_buffer(CenterName, center);
        register_buffer(ScaleName, scale);
        RegisterComponents();
    }

    private const string CenterName = "center", ScaleName = "scale";

    /// <summary>Whether a state-dict name is a stream head's calibration buffer (absent from checkpoints made before it).</summary>
    public static bool IsCalibration(string name) => name.EndsWith("." + CenterName, StringComparison.Ordinal) || name.EndsWith("." + ScaleName, StringComparison.Ordinal);

    /// <summary>Sets each field's mean and standard deviation (S each); a constant field keeps a scale of <paramref name="minScale"/>.</summary>
    public void Calibrate(float[] mean, float[] std, float minScale = 1e-3f)
    {
        using var noGrad = no_grad();
        center.copy_(tensor(mean));
        scale.copy_(tensor(std).clamp_min(minScale));
    }

    /// <summary>The prediction in standard units: (..., N, D) -> (..., S).</summary>
    public Tensor Standardised(Tensor features)
    {
        var tokens = narrow.forward(features).flatten(-2);                              // (..., N * TokenWidth)
        return fc2.forward(act.forward(fc1.forward(tokens)));                          // (..., S)
    }

    /// <summary>Recorded rows (..., S) in the standard units <see cref="Standardised"/> predicts.</summary>
    public Tensor Standardise(Tensor rows) => (rows - center.to(rows.dtype)) / scale.to(rows.dtype);

    /// <summary>The prediction in the stream's own units: (..., N, D) -> (..., S).</summary>
    public override Tensor forward(Tensor features)
    {
        var standard = Standardised(features);                                          // (..., S)
        return standard * scale.to(standard.dtype) + center.to(standard.dtype);
    }
}
