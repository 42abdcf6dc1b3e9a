using Orrery.Core.Spaces;
using Orrery.Model.Configs;
using Orrery.Model.Dynamics;
using static TorchSharp.torch;

namespace Orrery.Model.Tests.Dynamics;

public class ColourGroupsTests
{
    /// <summary>
    /// The groups of a 64-code tokenizer, checked against the colours its codes decode to (computed here, outside
    /// ColourGroups): every group is used, numbered darkest first, and codes in one group look alike: the spread of
    /// colours within the groups is a small part of the codebook's.
    /// </summary>
    [Fact]
    public void Codes_are_grouped_by_the_colour_they_decode_to_darkest_group_first()
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        manual_seed(3);
        var tiny = Presets.Tiny with
        {
            Tokenizer = Presets.Tiny.Tokenizer with { LatentChannels = 3, Levels = [4, 4, 4] },
            Dynamics = Presets.Tiny.Dynamics with { Head = DynamicsHead.Categorical, StreamHeads = [] },
        };
        using var net = new WorldModelNetwork(tiny, SyntheticData.World(new ObservationSpec(16, 16, 3)));
        const int groups = 4;
        var group = ColourGroups.Of(net.Tokenizer, groups);                                        // (64)
        Assert.True(group.equal(ColourGroups.Of(net.Tokenizer, groups)).all().item<bool>());
        Assert.Equal(new long[] { 64 }, group.shape);
        Assert.Equal(Enumerable.Range(0, groups).Select(g => (long)g), group.data<long>().Distinct().Order().ToArray());

        var codes = arange(64, dtype: ScalarType.Int64);
        var colour = net.Tokenizer.Decode(net.Tokenizer.Quantizer!.Values(codes, ScalarType.Float32).unsqueeze(1).expand(-1, 4, -1)).mean([2, 3]);   // (64, 3)
        var brightness = Enumerable.Range(0, groups).Select(g => colour[group.eq(g)].mean().item<float>()).ToArray();
        Assert.Equal(brightness.Order().ToArray(), brightness);
        var within = Enumerable.Range(0, groups).Sum(g => colour[group.eq(g)] is var c ? (c - c.mean([0], keepdim: true)).square().sum().item<float>() : 0);
        var total = (colour - colour.mean([0], keepdim: true)).square().sum().item<float>();
        Assert.True(within < 0.35 * total, $"within-group spread {within:F4} of {total:F4}");
    }
}
