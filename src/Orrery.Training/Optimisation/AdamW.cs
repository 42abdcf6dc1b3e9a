using Orrery.Model.Checkpoints;
using TorchSharp.Modules;
using TorchSharp;
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
        // The scalars are held in locals for the whole step: a temporary made by an implicit conversion is unreachable
        // once its handle is passed to libtorch, and a finalizer running during the call freed it (a garbage Scalar
        // in this method, seen under the allocation churn of the plausibility judge).
        using Scalar b1 = beta1, b2 = beta2, keep1 = 1 - beta1, keep2 = 1 - beta2, bias2 = bc2, epsilon = eps;
        using Scalar decay = 1 - lr * weightDecay, stepSize = -lr / bc1;
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i].Param;
            var g = p.grad;
            if (g is null) continue;
            m[i].mul_(b1).add_(g, alpha: keep1);
            v[i].mul_(b2).addcmul_(g, g, value: keep2);
            if (weightDecay > 0 && p.dim() >= 2) p.mul_(decay);
            var denom = v[i].div(bias2).sqrt_().add_(epsilon);
            p.addcdiv_(m[i], denom, value: stepSize);
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
