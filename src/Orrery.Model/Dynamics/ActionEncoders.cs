using Orrery.Core.Spaces;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>
/// One action encoder per kind of space, each mapping the tensor <see cref="ActionTensors"/> makes to a condition
/// vector (..., D): an embedding table for a discrete space (its last row is the learned "unknown"), a small MLP with a
/// learned "unknown" vector for a box, and a one-row table (only "unknown") for action-free video.
/// </summary>
public static class ActionEncoders
{
    /// <summary>The encoder for <paramref name="space"/> (null: action-free) at width <paramref name="width"/>.</summary>
    public static Module<Tensor, Tensor> Create(ActionSpace? space, int width) => space switch
    {
        BoxActionSpace box => new BoxActionEncoder(box.Dimensions, width),
        DiscreteActionSpace discrete => Embedding(discrete.Count + 1, width),
        _ => Embedding(1, width),
    };
}

/// <summary>
/// Encodes continuous actions (..., A) -> (..., D) with a two-layer MLP; a row of NaN (an unknown action) takes the
/// learned unknown vector instead, so "unknown" is not confused with the zero action (the no-op of a box).
/// </summary>
public sealed class BoxActionEncoder : Module<Tensor, Tensor>
{
    private readonly Linear fc1;        // (A) -> (D)
    private readonly SiLU act;
    private readonly Linear fc2;        // (D) -> (D)
    private readonly Parameter unknown; // (D)

    public BoxActionEncoder(int dimensions, int width) : base(nameof(BoxActionEncoder))
    {
        fc1 = Linear(dimensions, width);
        act = SiLU();
        fc2 = Linear(width, width);
        unknown = Parameter(randn(width).mul_(0.02));
        RegisterComponents();
    }

    public override Tensor forward(Tensor actions)                                   // (..., A) -> (..., D)
    {
        var missing = actions.select(-1, 0).isnan().unsqueeze(-1);                      // (..., 1)
        var known = fc2.forward(act.forward(fc1.forward(actions.nan_to_num(0.0).to(fc1.weight!.dtype))));   // (..., D)
        return where(missing, unknown.to(known.dtype), known);                         // (..., D)
    }
}
