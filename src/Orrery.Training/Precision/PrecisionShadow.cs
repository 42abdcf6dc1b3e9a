using Orrery.Model;
using Orrery.Model.Configs;
using TorchSharp;
using static TorchSharp.torch;

namespace Orrery.Training.Precision;

/// <summary>
/// The network the dynamics passes compute in: the fp32 network itself, or (train.dynamicsPrecision=bf16) a bf16
/// copy of it refreshed from the fp32 weights before each step, whose gradients go back to the fp32 weights so that
/// clipping and AdamW run in fp32.
/// </summary>
public sealed class PrecisionShadow(WorldModelNetwork network, ModelConfig config) : IDisposable
{
    private WorldModelNetwork? copy;

    /// <summary>
    /// The network to compute in; the bf16 copy is built on first use, which must be outside any step's dispose
    /// scope, because the scope would free the copy's weights.
    /// </summary>
    public WorldModelNetwork Compute
    {
        get
        {
            if (config.Train.DynamicsPrecision == NumericPrecision.Fp32) return network;
            if (copy is null)
            {
                copy = new WorldModelNetwork(network.Config, network.World);
                copy.to(ScalarType.BFloat16);
                CopyBuffers(copy);
            }
            return copy;
        }
    }

    /// <summary>Copies the fp32 weights into the bf16 copy before its passes.</summary>
    public void Refresh()
    {
        if (copy is null) return;
        using var noGrad = no_grad();
        var copies = copy.DynamicsParameters.ToDictionary(p => p.Name, p => p.Param);
        foreach (var (name, weight) in network.DynamicsParameters) copies[name].copy_(weight);
    }

    // Buffers (the stream heads' calibration) are set before training begins and never trained, so the copy takes
    // them once, when it is built (after any resume has restored them).
    private void CopyBuffers(WorldModelNetwork target)
    {
        using var noGrad = no_grad();
        var buffers = target.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        foreach (var (name, buffer) in network.named_buffers()) buffers[name].copy_(buffer);
    }

    /// <summary>Gives the bf16 copy's gradients to the fp32 weights.</summary>
    public void HandGradients()
    {
        if (copy is null) return;
        using var noGrad = no_grad();
        var grads = copy.DynamicsParameters.ToDictionary(p => p.Name, p => p.Param.grad);
        foreach (var (name, weight) in network.DynamicsParameters)
        {
            if (grads[name] is not { } g) continue;
            if (weight.grad is { } existing) existing.copy_(g);
            else weight.grad = g.to(ScalarType.Float32);
        }
    }

    public void Dispose() => copy?.Dispose();
}
