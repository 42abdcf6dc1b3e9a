using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>
/// Predicts one stream of frame t+1 (state, reward, success) from the trunk's features of frame t: the tokens are
/// mean-pooled and passed through a two-layer MLP. Trained with MSE against the recorded stream.
/// </summary>
public sealed class StreamHead : Module<Tensor, Tensor>
{
    private readonly Linear fc1;   // (D) -> (D)
    private readonly SiLU act;
    private readonly Linear fc2;   // (D) -> (S)

    public StreamHead(int width, int size) : base(nameof(StreamHead))
    {
        fc1 = Linear(width, width);
        act = SiLU();
        fc2 = Linear(width, size);
        RegisterComponents();
    }

    public override Tensor forward(Tensor features)                                  // (..., N, D) -> (..., S)
    {
        var pooled = features.mean([-2]);                                              // (..., D)
        return fc2.forward(act.forward(fc1.forward(pooled)));                          // (..., S)
    }
}
