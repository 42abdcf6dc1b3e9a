using Orrery.Model.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Orrery.Training.Optimisation;

/// <summary>
/// AdamW (Loshchilov and Hutter 2019) with decoupled weight decay on matrices only. Written out so that its whole
/// state (moments and step count) saves to safetensors and a resumed run continues bit for bit.
/// </summary>
public sealed class AdamW : IDisposable
{
    private readonly (string Name, Parameter Param)[] parameters;
    private readonly Tensor[] m;
    private readonly Tensor[] v;
    private readonly double beta1;
    private readonly double beta2;
    private readonly double eps;
    private readonly double weightDecay;

    public AdamW(IReadOnlyList<(string Name, Parameter Param)> parameters, double weightDecay, double beta1 = 0.9, double beta2 = 0.99, double eps = 1e-8)
    {
        this.parameters = parameters.ToArray();
        this.weightDecay = weightDecay;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        m = this.parameters.Select(p => zeros_like(p.Param).DetachFromDisposeScope()).ToArray();   // created once, live with the optimiser
        v = this.parameters.Select(p => zeros_like(p.Param).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>Updates taken so far.</summary>
    public long Steps { get; private set; }

    public IEnumerable<Parameter> Parameters => parameters.Select(p => p.Param);

    public void ZeroGrad()
    {
        foreach (var (_, p) in parameters) p.grad?.zero_();
    }

    public void Step(double lr)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Steps++;
        var bc1 = 1 - Math.Pow(beta1, Steps);
        var bc2 = 1 - Math.Pow(beta2, Steps);
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i].Param;
            var g = p.grad;
            if (g is null) continue;
            m[i].mul_(beta1).add_(g, alpha: 1 - beta1);
            v[i].mul_(beta2).addcmul_(g, g, value: 1 - beta2);
            if (weightDecay > 0 && p.dim() >= 2) p.mul_(1 - lr * weightDecay);
            var denom = v[i].div(bc2).sqrt_().add_(eps);
            p.addcdiv_(m[i], denom, value: -lr / bc1);
        }
    }

    /// <summary>Saves the moments; Steps is saved by the caller's train state.</summary>
    public void Save(string path) =>
        SafetensorsFile.Write(path, parameters.SelectMany((p, i) => new[] { ($"m.{p.Name}", m[i]), ($"v.{p.Name}", v[i]) }));

    public void Load(string path, long steps)
    {
        SafetensorsFile.Load(path, parameters.SelectMany((p, i) => new[] { ($"m.{p.Name}", m[i]), ($"v.{p.Name}", v[i]) }));
        Steps = steps;
    }

    public void Dispose()
    {
        foreach (var t in m.Concat(v)) t.Dispose();
    }
}
