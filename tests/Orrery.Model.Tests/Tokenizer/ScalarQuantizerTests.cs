using Orrery.Model.Tokenizer;
using static TorchSharp.torch;

namespace Orrery.Model.Tests.Tokenizer;

public class ScalarQuantizerTests
{
    private static readonly ScalarQuantizer Codebook = new([8, 5, 5, 5]);

    [Fact]
    public void Every_code_maps_to_grid_values_and_back_to_itself()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(1000, Codebook.CodebookSize);
        var codes = arange(1000L);
        var values = Codebook.Values(codes, ScalarType.Float32);                          // (1000, 4)
        Assert.Equal(codes.data<long>().ToArray(), Codebook.Indices(values).data<long>().ToArray());
        Assert.Equal(1000, unique(values, dim: 0).Item1.shape[0]);                         // no two codes share a latent
        Assert.True(values.abs().max().item<float>() <= 1f);
    }

    [Fact]
    public void Quantize_snaps_each_channel_to_its_nearest_level_and_passes_the_gradient_straight_through()
    {
        using var scope = NewDisposeScope();
        var latent = tensor(new[] { -0.97f, 0.12f, 0.26f, 0.74f }).requires_grad_();    // levels 8, 5, 5, 5
        var snapped = Codebook.Quantize(latent);
        Assert.Equal(new[] { -1f, 0f, 0.5f, 0.5f }, snapped.data<float>().ToArray());
        snapped.sum().backward();
        Assert.Equal(new[] { 1f, 1f, 1f, 1f }, latent.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Bf16_grid_values_give_back_the_same_codes()
    {
        using var scope = NewDisposeScope();
        var codes = arange(1000L);
        Assert.Equal(codes.data<long>().ToArray(), Codebook.Indices(Codebook.Values(codes, ScalarType.BFloat16)).data<long>().ToArray());
    }
}
