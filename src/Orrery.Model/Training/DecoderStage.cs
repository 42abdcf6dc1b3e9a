using Orrery.Model.Checkpoints;
using Orrery.Model.Tokenizer;

namespace Orrery.Model.Training;

/// <summary>
/// What stage 3 trains beside the network: the patch critic and the optimisers of the decoder and the critic. Both
/// optimisers take one step per decoder step; their moments and the critic's weights save with the train state.
/// </summary>
public sealed class DecoderStage : IDisposable
{
    public const string CriticName = "critic.safetensors";
    public const string DecoderOptimizerName = "decoder-optimizer.safetensors";
    public const string CriticOptimizerName = "critic-optimizer.safetensors";

    // GAN practice (DCGAN, VQGAN): a short first-moment memory keeps the two players from chasing stale gradients.
    private const double Beta1 = 0.5;
    private const double Beta2 = 0.9;

    public DecoderStage(WorldModelNetwork network, double weightDecay)
    {
        Critic = new PatchDiscriminator(network.Spec.Channels);
        DecoderOptimizer = new AdamW(network.DecoderParameters, weightDecay, Beta1, Beta2);
        CriticOptimizer = new AdamW(Critic.named_parameters().Select(p => (p.name, p.parameter)).ToArray(), weightDecay, Beta1, Beta2);
    }

    public PatchDiscriminator Critic { get; }

    public AdamW DecoderOptimizer { get; }

    public AdamW CriticOptimizer { get; }

    public void Save(string dir)
    {
        SafetensorsFile.Write(Path.Combine(dir, CriticName), Critic.state_dict().Select(kv => (kv.Key, kv.Value)));
        DecoderOptimizer.Save(Path.Combine(dir, DecoderOptimizerName));
        CriticOptimizer.Save(Path.Combine(dir, CriticOptimizerName));
    }

    public void Restore(string dir, long steps)
    {
        SafetensorsFile.Load(Path.Combine(dir, CriticName), Critic.state_dict().Select(kv => (kv.Key, kv.Value)));
        DecoderOptimizer.Load(Path.Combine(dir, DecoderOptimizerName), steps);
        CriticOptimizer.Load(Path.Combine(dir, CriticOptimizerName), steps);
    }

    public void Dispose()
    {
        DecoderOptimizer.Dispose();
        CriticOptimizer.Dispose();
        Critic.Dispose();
    }
}
