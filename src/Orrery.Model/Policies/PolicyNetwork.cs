using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Policies;

/// <summary>
/// A state-to-action MLP: the normalised state stream in, a box action out, squashed by tanh into the box. The
/// normalisation constants are buffers, so the safetensors file alone reproduces the policy.
/// </summary>
public sealed class PolicyNetwork : Module<Tensor, Tensor>
{
    private readonly Sequential layers;
    private readonly Tensor stateMean;     // (S)
    private readonly Tensor stateScale;    // (S)
    private readonly Tensor actionLow;     // (A)
    private readonly Tensor actionHigh;    // (A)

    public PolicyNetwork(int stateSize, int actionSize, int hidden) : base(nameof(PolicyNetwork))
    {
        layers = Sequential(
            ("fc1", Linear(stateSize, hidden)), ("act1", SiLU()),
            ("fc2", Linear(hidden, hidden)), ("act2", SiLU()),
            ("out", Linear(hidden, actionSize)));
        stateMean = zeros(stateSize);
        stateScale = ones(stateSize);
        actionLow = full(actionSize, -1f);
        actionHigh = ones(actionSize);
        register_buffer("state_mean", stateMean);
        register_buffer("state_scale", stateScale);
        register_buffer("action_low", actionLow);
        register_buffer("action_high", actionHigh);
        RegisterComponents();
    }

    /// <summary>Sets the state normalisation and the box the actions are squashed into.</summary>
    public void Calibrate(Tensor mean, Tensor std, float[] low, float[] high)
    {
        using var noGrad = no_grad();
        stateMean.copy_(mean);
        stateScale.copy_(std.clamp_min(1e-6).reciprocal());
        actionLow.copy_(tensor(low));
        actionHigh.copy_(tensor(high));
    }

    /// <summary>States (B, S) -> actions (B, A) inside the box.</summary>
    public override Tensor forward(Tensor states)
    {
        var unit = layers.forward((states - stateMean) * stateScale).tanh();                  // (B, A) in (-1, 1)
        return actionLow + (unit + 1) * 0.5 * (actionHigh - actionLow);
    }
}
