using Orrery.Core.Errors;
using Orrery.Model.Configs;

namespace Orrery.Model.Tests.Configs;

public class ConfigOverridesTests
{
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
}
