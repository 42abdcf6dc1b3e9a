using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Model.Configs;

namespace Orrery.Model.Tests.Configs;

public class ConfigOverridesTests
{
    [Fact]
    public void Quantization_levels_are_set_as_a_list_though_unset_configs_do_not_write_them()
    {
        Assert.Contains("tokenizer.levels", ConfigOverrides.Keys(Presets.MazeSmall));
        Assert.Contains("dynamics.sampleTemperature", ConfigOverrides.Keys(Presets.MazeSmall));
        Assert.Equal(0.7, ConfigOverrides.ApplySets(Presets.MazeSmall, ["dynamics.sampleTemperature=0.7"]).Dynamics.SampleTemperature);
        Assert.DoesNotContain("levels", JsonSerializer.Serialize(Presets.MazeSmall, ConfigOverrides.Json));
        var cfg = ConfigOverrides.ApplySets(Presets.MazeSmall, ["tokenizer.levels=8,5,5,5", "tokenizer.latentChannels=4", "dynamics.head=categorical"]);
        Assert.Equal([8, 5, 5, 5], cfg.Tokenizer.Levels);
        Assert.Equal(DynamicsHead.Categorical, cfg.Dynamics.Head);
    }

    [Fact]
    public void Masked_decoding_is_set_like_any_field_unwritten_when_unset_and_refused_on_a_head_without_codes()
    {
        Assert.DoesNotContain("masked", JsonSerializer.Serialize(Presets.MazeSmall, ConfigOverrides.Json));
        var cfg = ConfigOverrides.ApplySets(Presets.MazeSmall, ["dynamics.maskedLayers=2", "dynamics.maskedRounds=6"]);
        Assert.Equal((2, 6), (cfg.Dynamics.MaskedLayers, cfg.Dynamics.MaskedRounds));
        var e = Assert.Throws<OrreryException>(() => WorldModelNetwork.Validate(cfg, new ObservationSpec(64, 64, 3)));
        Assert.StartsWith("dynamics.maskedLayers=2: expected 0, or more with dynamics.head=categorical", e.Message);
    }

    [Fact]
    public void Min_p_is_unwritten_when_off_and_refused_outside_0_to_1()
    {
        Assert.DoesNotContain("sampleMinP", JsonSerializer.Serialize(Presets.MazeSmall, ConfigOverrides.Json));
        Assert.Equal(0.1, ConfigOverrides.ApplySets(Presets.MazeSmall, ["dynamics.sampleMinP=0.1"]).Dynamics.SampleMinP);
        var cfg = ConfigOverrides.ApplySets(Presets.MazeSmall, ["dynamics.sampleMinP=1.5"]);
        var e = Assert.Throws<OrreryException>(() => WorldModelNetwork.Validate(cfg, new ObservationSpec(64, 64, 3)));
        Assert.Equal("dynamics.sampleMinP=1.5: expected 0 (off) to 1", e.Message);
    }

    [Theory]
    [InlineData("dynamics.sampleColourGroups=1", "dynamics.head=categorical", "dynamics.sampleTemperature=1")]   // one group ties nothing
    [InlineData("dynamics.sampleColourGroups=8", "dynamics.head=regression", "dynamics.sampleTemperature=1")]
    [InlineData("dynamics.sampleColourGroups=8", "dynamics.head=categorical", "dynamics.sampleTemperature=0")]  // greedy draws nothing
    public void Colour_groups_are_unwritten_when_off_and_refused_where_nothing_is_drawn(string groups, string head, string temperature)
    {
        Assert.DoesNotContain("sampleColourGroups", JsonSerializer.Serialize(Presets.MazeSmall, ConfigOverrides.Json));
        var cfg = ConfigOverrides.ApplySets(Presets.MazeSmall, ["tokenizer.latentChannels=4", "tokenizer.levels=8,5,5,5", groups, head, temperature]);
        var e = Assert.Throws<OrreryException>(() => WorldModelNetwork.Validate(cfg, new ObservationSpec(64, 64, 3)));
        Assert.StartsWith(groups + ": expected 0 (off), or 2..64 with dynamics.head=categorical", e.Message);
    }

    [Fact]
    public void Set_overrides_numbers_and_strings_in_any_section()
    {
        var cfg = ConfigOverrides.ApplySets(Presets.MazeSmall, ["dynamics.depth=2", "train.dynamicsBatch=8", "dynamics.head=flow", "Train.TokenizerLearningRate=0.002"]);
        Assert.Equal(2, cfg.Dynamics.Depth);
        Assert.Equal(8, cfg.Train.DynamicsBatch);
        Assert.Equal(DynamicsHead.Flow, cfg.Dynamics.Head);
        Assert.Equal(0.002, cfg.Train.TokenizerLearningRate);
        Assert.Equal(Presets.MazeSmall.Tokenizer, cfg.Tokenizer);
    }

    [Fact]
    public void An_unknown_key_lists_the_valid_keys()
    {
        var e = Assert.Throws<OrreryException>(() => ConfigOverrides.ApplySets(Presets.Tiny, ["dynamics.depht=4"]));
        Assert.Contains("unknown config key 'dynamics.depht'", e.Message);
        Assert.Contains("dynamics.depth", e.Message);
        Assert.Contains("dynamics.memoryFrames", e.Message);
        Assert.DoesNotContain("resolvedMemoryFrames", e.Message);                                  // computed from a field, not one
    }

    [Fact]
    public void A_json_file_overrides_fields_and_rejects_unknown_ones()
    {
        var path = Path.Combine(TestRuns.TempDir(), "c.json");
        File.WriteAllText(path, """{"dynamics": {"contextFrames": 12}}""");
        Assert.Equal(12, ConfigOverrides.ApplyFile(Presets.Tiny, path).Dynamics.ContextFrames);
        File.WriteAllText(path, """{"dynamics": {"frames": 12}}""");
        Assert.Throws<OrreryException>(() => ConfigOverrides.ApplyFile(Presets.Tiny, path));
    }

    [Theory]
    [InlineData("dynamics.head=diffusion", "--set: dynamics.head='diffusion': expected regression or flow or categorical")]
    [InlineData("train.dynamicsPrecision=fp16", "--set: train.dynamicsPrecision='fp16': expected fp32 or bf16")]
    [InlineData("dynamics.head=1", "--set: dynamics.head='1': expected regression or flow or categorical")]   // a number is not a choice
    public void A_bad_choice_is_one_line_naming_the_field_and_the_allowed_values(string set, string message)
    {
        var e = Assert.Throws<OrreryException>(() => ConfigOverrides.ApplySets(Presets.Tiny, [set]));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_bad_choice_in_a_config_file_names_the_file_and_the_field()
    {
        var path = Path.Combine(TestRuns.TempDir(), "c.json");
        File.WriteAllText(path, """{"train": {"dynamicsPrecision": "fp64"}}""");
        var e = Assert.Throws<OrreryException>(() => ConfigOverrides.ApplyFile(Presets.Tiny, path));
        Assert.Equal($"{path}: train.dynamicsPrecision='fp64': expected fp32 or bf16", e.Message);
    }

    [Fact]
    public void Choices_are_written_in_the_lower_case_spelling_configs_always_had()
    {
        var cfg = Presets.Tiny with
        {
            Dynamics = Presets.Tiny.Dynamics with { Head = DynamicsHead.Flow },
            Train = Presets.Tiny.Train with { DynamicsPrecision = NumericPrecision.Bf16 },
        };
        var json = JsonSerializer.Serialize(cfg, ConfigOverrides.Json);
        Assert.Contains("\"head\": \"flow\"", json);
        Assert.Contains("\"dynamicsPrecision\": \"bf16\"", json);
        Assert.Equal(cfg, JsonSerializer.Deserialize<ModelConfig>(json, ConfigOverrides.Json));
    }

    [Fact]
    public void A_command_line_choice_parses_in_any_case_and_a_bad_one_names_the_option()
    {
        Assert.Equal(NumericPrecision.Bf16, ConfigOverrides.ParseChoice<NumericPrecision>("BF16", "--precision"));
        Assert.Equal(ComputeDevice.Cuda, ConfigOverrides.ParseChoice<ComputeDevice>("cuda", "--device"));
        var e = Assert.Throws<OrreryException>(() => ConfigOverrides.ParseChoice<NumericPrecision>("fp8", "--precision"));
        Assert.Equal("--precision 'fp8': expected fp32 or bf16", e.Message);
    }
}
