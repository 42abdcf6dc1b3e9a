using Orrery.Model.Configs;
using Orrery.Model.Tokenizer;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Orrery.Model.Dynamics;

/// <summary>
/// A categorical head over the tokenizer's finite scalar codebook (discrete tokens as in IRIS and Genie): each next
/// token is one of the codebook's entries, trained with cross-entropy, so the prediction is always a latent the
/// decoder knows, never an average that decodes to blur. At temperature 0 it takes the most likely code of every
/// token; above 0 it samples logits / temperature (min-p sampling, when set, first rules out the unlikely tail) with
/// the Gumbel-max trick, its uniforms made from the caller's seeded normal noise, so a seed still fixes every frame.
///
/// With a <see cref="MaskedCodeDecoder"/> the codes are chosen in a few rounds instead of all at once (MaskGIT):
/// training hides a random share of the true codes and scores the hidden ones, plus every code as the head without the
/// decoder would predict it (without that term, the revealed codes let the trunk stop carrying what the action did,
/// and action following collapsed in the maze: docs/models/maze-v2.md); decoding starts from a fully hidden
/// frame and each round keeps the codes it is surest of, on a cosine schedule, so later codes agree with earlier ones.
/// </summary>
public sealed class CategoricalHead : NextLatentHead
{
    private readonly Linear logits;   // (D) -> (codebook)
    private readonly MaskedCodeDecoder? masked;
    private readonly ScalarQuantizer codebook;
    private readonly double temperature;
    private readonly double minP;
    private readonly int rounds;
    private readonly int colourGroups;
    private Tensor? groupOfCode;   // (V) int64 on CPU, set after loading (dynamics.sampleColourGroups): each code's colour group

    /// <summary>cfg.MaskedLayers 0: every token on its own; above 0: a masked decoder of that depth, cfg.MaskedRounds rounds.</summary>
    public CategoricalHead(DynamicsConfig cfg, ScalarQuantizer codebook) : base(nameof(CategoricalHead))
    {
        this.codebook = codebook;
        temperature = cfg.SampleTemperature;
        minP = cfg.SampleMinP;
        rounds = cfg.MaskedRounds ?? DefaultRounds;
        colourGroups = cfg.SampleColourGroups;
        logits = Linear(cfg.Width, codebook.CodebookSize);
        if (cfg.MaskedLayers > 0) masked = new MaskedCodeDecoder(cfg.Width, cfg.Heads, cfg.MlpRatio, cfg.MaskedLayers, codebook.CodebookSize);
        RegisterComponents();
    }

    /// <summary>Rounds of masked decoding when dynamics.maskedRounds is unset (Genie-scale MaskGIT uses 8-25 for far more tokens).</summary>
    public const int DefaultRounds = 4;

    /// <summary>Whether a checkpoint tensor belongs to the masked decoder (which a fine-tune may add to a head without one).</summary>
    public static bool IsMaskedDecoder(string name) => name.StartsWith(WorldModelNetwork.HeadPrefix + nameof(masked) + ".", StringComparison.Ordinal);

    /// <summary>Greedy needs no noise; sampling one normal value per code of every token, and one more with colour groups.</summary>
    public override int NoiseWidth => temperature > 0 ? (int)codebook.CodebookSize + (colourGroups > 0 ? 1 : 0) : 0;

    /// <summary>
    /// From now on a token first draws its code's group (codes (V) -> group ids, see ColourGroups), with one uniform
    /// for the whole frame, then a code within the group.
    /// </summary>
    public void TieDrawsWithin(Tensor groups)
    {
        if (colourGroups == 0 || temperature <= 0 || masked is not null) throw new InvalidOperationException("tied draws need dynamics.sampleColourGroups, sampling and no masked decoder");
        groupOfCode = groups.to(ScalarType.Int64).cpu();
    }

    public override Tensor Loss(Tensor features, Tensor target, Generator generator)
    {
        var truth = codebook.Indices(target);                                             // (..., N)
        var alone = functional.cross_entropy(Scores(features).flatten(0, -2), truth.flatten());   // every code from the trunk's features alone
        if (masked is null) return alone;
        var frames = features.flatten(0, -3);                                              // (F, N, D)
        var codes = truth.flatten(0, -2);                                                  // (F, N)
        var share = (rand(frames.shape[0], 1, generator: generator, device: frames.device) * (Math.PI / 2)).cos();   // (F, 1) MaskGIT's cosine schedule
        var hidden = rand(codes.shape, generator: generator, device: frames.device).lt(share);                       // (F, N)
        var scores = Scores(masked.Forward(frames, codes.masked_fill(hidden, masked.MaskCode)));                   // (F, N, V)
        var perToken = functional.cross_entropy(scores.flatten(0, 1), codes.flatten(), reduction: Reduction.None).view_as(codes);
        return perToken.masked_select(hidden).sum() / hidden.sum().clamp_min(1) + alone;
    }

    public override Tensor Predict(Tensor features, Tensor noise)
    {
        var gumbel = temperature > 0 ? Gumbel(noise.narrow(-1, 0, codebook.CodebookSize).to(ScalarType.Float32)) : null;   // (B, N, V)
        if (masked is null) return codebook.Values(Draw(WithinDrawnGroup(Tempered(Scores(features)), noise), gumbel), features.dtype);
        long b = features.shape[0], n = features.shape[1];
        var chosen = full(b, n, masked.MaskCode, dtype: ScalarType.Int64, device: features.device);   // (B, N)
        var known = zeros(b, n, dtype: ScalarType.Bool, device: features.device);
        for (var round = 0; round < rounds; round++)
        {
            var scores = Tempered(Scores(masked.Forward(features, chosen)));
            var code = Draw(scores, gumbel);
            var sureness = scores.log_softmax(-1).gather(-1, code.unsqueeze(-1)).squeeze(-1);                       // (B, N) the log-probability each drawn code had
            var keep = sureness.masked_fill(known, double.PositiveInfinity).topk(Revealed(round, n), -1).indexes;   // (B, k) the known codes and the surest new ones
            var now = zeros(b, n, dtype: ScalarType.Bool, device: features.device).scatter_(-1, keep, ones(keep.shape, dtype: ScalarType.Bool, device: features.device));
            chosen = where(now.logical_and(known.logical_not()), code, chosen);
            known = now;
        }
        return codebook.Values(chosen, features.dtype);                                    // (B, N, C)
    }

    private Tensor Scores(Tensor features) => logits.forward(features).to(ScalarType.Float32);   // (..., N, V)

    /// <summary>Scores / temperature, with the codes min-p rules out set to -inf (p_i &lt; minP p_max is s_i &lt; s_max + ln minP).</summary>
    private Tensor Tempered(Tensor scores)
    {
        if (temperature > 0) scores = scores / temperature;
        return minP > 0 && temperature > 0 ? scores.masked_fill(scores.lt(scores.amax([-1], keepdim: true) + Math.Log(minP)), double.NegativeInfinity) : scores;
    }

    /// <summary>
    /// With colour groups, rules out every code outside the group each token draws (else the scores unchanged). A token
    /// draws the group where the groups' cumulative probability, in their fixed order, first reaches the frame's one
    /// uniform (token 0's last noise value): the same uniform for every token keeps each token's own group
    /// probabilities, yet two tokens unsure between the same two textures land on the same one.
    /// </summary>
    private Tensor WithinDrawnGroup(Tensor scores, Tensor noise)
    {
        if (groupOfCode is null) return scores;
        var groups = groupOfCode.to(scores.device);                                          // (V)
        var mass = zeros([scores.shape[0], scores.shape[1], colourGroups], device: scores.device).index_add_(2, groups, scores.softmax(-1), 1);   // (B, N, K)
        var cumulative = mass.cumsum(-1);
        cumulative /= cumulative.narrow(-1, colourGroups - 1, 1);
        var uniform = Uniform(noise.narrow(1, 0, 1).narrow(2, codebook.CodebookSize, 1).to(ScalarType.Float32));               // (B, 1, 1)
        var drawn = cumulative.lt(uniform).sum(-1, keepdim: true).clamp_max(colourGroups - 1);   // (B, N, 1)
        return scores.masked_fill(groups.view(1, 1, -1).ne(drawn), double.NegativeInfinity);
    }

    /// <summary>Tempered scores (B, N, V) -> each token's code (B, N): the most likely, or a Gumbel-max draw.</summary>
    private static Tensor Draw(Tensor scores, Tensor? gumbel) => (gumbel is null ? scores : scores + gumbel).argmax(-1);

    /// <summary>Codes known after a round: MaskGIT's cosine schedule, every code by the last round.</summary>
    private int Revealed(int round, long tokens) =>
        (int)(round == rounds - 1 ? tokens : Math.Clamp(tokens - (long)Math.Floor(tokens * Math.Cos(Math.PI / 2 * (round + 1) / rounds)), round + 1, tokens));

    /// <summary>Standard normal (B, N, V) -> standard Gumbel, through the normal CDF's uniforms.</summary>
    private static Tensor Gumbel(Tensor normal) => -(-Uniform(normal).log()).log();

    /// <summary>Standard normal -> uniform in (0, 1) through the normal CDF, kept off both ends.</summary>
    private static Tensor Uniform(Tensor normal) => (special.erf(normal / Math.Sqrt(2)) + 1).mul(0.5).clamp(1e-7, 1 - 1e-7);
}
