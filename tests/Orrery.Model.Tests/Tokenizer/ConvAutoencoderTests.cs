using Orrery.Core.Spaces;
using Orrery.Model.Configs;
using static TorchSharp.torch;

namespace Orrery.Model.Tests.Tokenizer;

public class ConvAutoencoderTests
{
    [Fact]
    public void Encodes_to_one_token_per_8x8_patch_and_decodes_back_to_the_frame_shape()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var net = new WorldModelNetwork(Presets.Tiny with { Dynamics = Presets.Tiny.Dynamics with { StreamHeads = [] } }, SyntheticData.World(new ObservationSpec(16, 24, 3)));
        var x = rand(2, 3, 16, 24);
        var tokens = net.Tokenizer.Encode(x);
        Assert.Equal(new long[] { 2, 6, 8 }, tokens.shape);
        var y = net.Tokenizer.Decode(tokens);
        Assert.Equal(x.shape, y.shape);
        Assert.False(y.isnan().any().item<bool>());
        Assert.True(tokens.abs().max().item<float>() <= 1f);
    }
}
