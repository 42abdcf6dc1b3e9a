using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>
/// Rectified-flow head (Liu et al. 2022; per-token denoiser as in MAR, Li et al. 2024): a small MLP predicts the
/// velocity from noise to the next latent, conditioned on the trunk features; sampled with a few Euler steps.
/// </summary>
public sealed class FlowHead : NextLatentHead
{
    private readonly Linear inProj;       // (C) -> (W)
    private readonly Linear condProj;     // (D) -> (W)
    private readonly Linear timeProj;     // sinusoid(tau) (64) -> (W)
    private readonly ModuleList<Sequential> blocks;
    private readonly Sequential outProj;  // (W) -> (C)
    private readonly int steps;
    private readonly int latentChannels;

    public FlowHead(int width, int latentChannels, int hidden, int depth, int steps) : base(nameof(FlowHead))
    {
        this.steps = Math.Clamp(steps, 1, 16);
        this.latentChannels = latentChannels;
        inProj = Linear(latentChannels, hidden);
        condProj = Linear(width, hidden);
        timeProj = Linear(64, hidden);
        blocks = new ModuleList<Sequential>(Enumerable.Range(0, depth)
            .Select(_ => Sequential(("norm", Norms.Layer(hidden)), ("fc1", Linear(hidden, hidden)), ("act", SiLU()), ("fc2", Linear(hidden, hidden))))
            .ToArray());
        outProj = Sequential(("norm", Norms.Layer(hidden)), ("fc", Linear(hidden, latentChannels)));
        RegisterComponents();
    }

    public override int NoiseWidth => latentChannels;

    private Tensor Velocity(Tensor x, Tensor tau, Tensor features)   // x (..., C), tau (..., 1), features (..., D) -> (..., C)
    {
        var h = inProj.forward(x) + condProj.forward(features) + timeProj.forward(Sinusoid.Features(tau.squeeze(-1), 64));
        foreach (var block in blocks) h = h + block.forward(h);
        return outProj.forward(h);
    }

    public override Tensor Loss(Tensor features, Tensor target, Generator generator)
    {
        var shape = target.shape;
        var tokenShape = shape[..^1].Append(1L).ToArray();
        var tau = rand(tokenShape, dtype: target.dtype, generator: generator);            // (..., N, 1)
        var noise = randn(shape, dtype: target.dtype, generator: generator);              // (..., N, C)
        var xt = (1 - tau) * noise + tau * target;
        return functional.mse_loss(Velocity(xt, tau, features), target - noise);
    }

    public override Tensor Predict(Tensor features, Tensor noise)
    {
        var x = noise;                                                             // (B, N, C)
        var dt = 1.0 / steps;
        for (var i = 0; i < steps; i++)
        {
            var tau = full(x.shape[..^1].Append(1L).ToArray(), i * dt, dtype: x.dtype);  // (B, N, 1)
            x = x + Velocity(x, tau, features) * dt;                                      // Euler step
        }
        return x;
    }
}
