using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>
/// Predicts one stream of frame t+1 (state, reward, success) from the trunk's features of frame t. Each token is
/// first narrowed to <see cref="TokenWidth"/> channels, and the narrowed tokens are read in order by a two-layer MLP.
/// Not mean-pooled: a mean forgets which token held the pusher or the block, and a state is mostly positions.
/// Trained with MSE against the recorded stream.
/// </summary>
public sealed class StreamHead : Module<Tensor, Tensor>
{
    /// <summary>Channels kept per token before the tokens are read together.</summary>
    public const int TokenWidth = 8;

    private readonly Linear narrow;   // (D) -> (TokenWidth), per token
    private readonly Linear fc1;      // (N * TokenWidth) -> (D)
    private readonly SiLU act;
    private readonly Linear fc2;      // (D) -> (S)

    public StreamHead(int width, int tokens, int size) : base(nameof(StreamHead))
    {
        narrow = Linear(width, TokenWidth);
        fc1 = Linear(tokens * TokenWidth, width);
        act = SiLU();
        fc2 = Linear(width, size);
        RegisterComponents();
    }

    public override Tensor forward(Tensor features)                                  // (..., N, D) -> (..., S)
    {
        var tokens = narrow.forward(features).flatten(-2);                              // (..., N * TokenWidth)
        return fc2.forward(act.forward(fc1.forward(tokens)));                          // (..., S)
    }
}
