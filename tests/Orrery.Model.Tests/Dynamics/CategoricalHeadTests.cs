using Orrery.Model.Configs;
using Orrery.Model.Dynamics;
using Orrery.Model.Tokenizer;
using static TorchSharp.torch;

namespace Orrery.Model.Tests.Dynamics;

public class CategoricalHeadTests
{
    private static readonly ScalarQuantizer Codebook = new([4, 4]);   // 16 codes of 2 channels
    private const int Tokens = 8;
    private const int Width = 32;

    private static DynamicsConfig Config(int maskedLayers, double temperature) =>
        Presets.Tiny.Dynamics with { Width = Width, Heads = 2, MlpRatio = 2, MaskedLayers = maskedLayers, SampleTemperature = temperature };

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void A_fresh_masked_decoder_chooses_the_codes_the_head_without_it_chooses(double temperature)
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        manual_seed(5);
        using var plain = new CategoricalHead(Config(0, temperature), Codebook);
        using var masked = new CategoricalHead(Config(2, temperature), Codebook);
        masked.load_state_dict(plain.state_dict(), strict: false);   // the same output layer; the decoder as built
        var features = randn(3, Tokens, Width);
        var noise = randn(3, Tokens, 16);
        Assert.True(plain.Predict(features, noise).equal(masked.Predict(features, noise)).all().item<bool>());
    }

    /// <summary>
    /// The failure a per-token head shows in the maze, reduced: half the frames are all one code and half all another,
    /// and the features cannot tell which. Sampled token by token, a frame mixes the two (1 in 128 comes out whole);
    /// decoded with the masked decoder, later tokens follow the first ones and frames come out whole.
    /// </summary>
    [Theory]
    [InlineData(0, 0.0, 0.1)]
    [InlineData(2, 0.9, 1.0)]
    public void Sampled_frames_are_whole_only_with_the_masked_decoder(int maskedLayers, double atLeast, double atMost)
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var generator = new Generator(7);
        using var head = new CategoricalHead(Config(maskedLayers, 1.0), Codebook);
        var places = randn(1, Tokens, Width);                                               // (1, N, D) where each token sits
        using var optimizer = optim.Adam(head.parameters(), 3e-3);
        for (var step = 0; step < 300; step++)
        {
            using var stepScope = NewDisposeScope();
            var (features, target) = Batch(places, 64, generator);
            optimizer.zero_grad();
            head.Loss(features, target, generator).backward();
            optimizer.step();
        }
        using var mode = inference_mode();
        var codes = Codebook.Indices(head.Predict(places.expand(200, -1, -1), randn(200, Tokens, 16, generator: generator)));   // (200, N)
        var whole = codes.eq(codes[.., ..1]).all(1).to(ScalarType.Float32).mean().item<float>();
        Assert.InRange(whole, atLeast, atMost);
    }

    /// <summary>
    /// Code 0 has probability 0.5, code 1 0.3, and the other 14 share 0.2: min-p 0.5 keeps codes at least half as likely
    /// as code 0, so it draws only codes 0 and 1; without it, about a fifth of the draws come from the tail.
    /// </summary>
    [Theory]
    [InlineData(0.0, 0.15, 0.25)]
    [InlineData(0.5, 0.0, 0.0)]
    public void Min_p_sampling_never_draws_the_unlikely_tail(double minP, double tailAtLeast, double tailAtMost)
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        using var head = new CategoricalHead(Config(0, 1.0) with { SampleMinP = minP }, Codebook);
        var probabilities = cat([tensor(new[] { 0.5f, 0.3f }), full(14, 0.2f / 14)]);
        head.load_state_dict(new Dictionary<string, Tensor> { ["logits.weight"] = zeros(16, Width), ["logits.bias"] = probabilities.log() });
        var codes = Codebook.Indices(head.Predict(zeros(500, Tokens, Width), randn(500, Tokens, 16, generator: new Generator(3))));   // (500, N)
        var tail = codes.gt(1).to(ScalarType.Float32).mean().item<float>();
        Assert.InRange(tail, tailAtLeast, tailAtMost);
        Assert.True(codes.eq(1).any().item<bool>(), "code 1 is likely enough to be drawn");
    }

    /// <summary>
    /// Codes 3 and 12 each have probability one half and sit in different colour groups. Drawn token by token, a frame
    /// of 8 tokens is all one code 1 time in 128; with the draws tied by colour group, every frame is, and still about
    /// half of the frames are code 3: each token keeps its own probabilities.
    /// </summary>
    [Theory]
    [InlineData(false, 0.0, 0.05)]
    [InlineData(true, 1.0, 1.0)]
    public void Tied_draws_make_a_frame_one_colour_and_keep_each_codes_probability(bool tied, double wholeAtLeast, double wholeAtMost)
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        using var head = new CategoricalHead(Config(0, 1.0) with { SampleColourGroups = 2 }, Codebook);
        var probabilities = full(16, 1e-6f).index_put_(tensor(0.5f), tensor(new long[] { 3, 12 }));
        head.load_state_dict(new Dictionary<string, Tensor> { ["logits.weight"] = zeros(16, Width), ["logits.bias"] = probabilities.log() });
        if (tied) head.TieDrawsWithin(arange(16).ge(8).to(ScalarType.Int64));          // codes 0-7 one group, 8-15 the other
        Assert.Equal(17, head.NoiseWidth);
        var codes = Codebook.Indices(head.Predict(zeros(400, Tokens, Width), randn(400, Tokens, 17, generator: new Generator(4))));   // (400, N)
        var whole = codes.eq(codes[.., ..1]).all(1).to(ScalarType.Float32).mean().item<float>();
        Assert.InRange(whole, wholeAtLeast, wholeAtMost);
        Assert.InRange(codes.eq(3).to(ScalarType.Float32).mean().item<float>(), 0.42, 0.58);
    }

    /// <summary>features (B, N, D) and targets (B, N, C): every token of a frame is code 3, or every one is code 12.</summary>
    private static (Tensor Features, Tensor Target) Batch(Tensor places, int rows, Generator generator)
    {
        var second = rand(rows, 1, generator: generator).lt(0.5);                           // (B, 1)
        var code = where(second, 12L, 3L).expand(rows, Tokens);                             // (B, N)
        return (places.expand(rows, -1, -1), Codebook.Values(code, ScalarType.Float32));
    }
}
