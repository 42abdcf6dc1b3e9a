using System.Text.Json;
using System.Text.Json.Nodes;
using Orrery.Core.Errors;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Model.Dynamics;

namespace Orrery.Model.Tests.Checkpoints;

public class CheckpointTests
{
    private static readonly Lazy<string> Trained = new(() => TestRuns.TrainTiny(DynamicsHead.Regression, 6));

    private static string Copy()
    {
        var dir = TestRuns.TempDir();
        foreach (var f in Directory.GetFiles(Trained.Value)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        return dir;
    }

    private static string LoadError(string dir)
    {
        var e = Assert.Throws<OrreryException>(() => Checkpoint.Load(dir));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Fact]
    public void Save_then_load_gives_identical_weights_and_identical_frames()
    {
        var corpus = SyntheticData.MovingSquare(3, 12);
        var (_, net) = Checkpoint.Load(Trained.Value);
        using (net)
        {
            var dir = TestRuns.TempDir();
            var manifest = Checkpoint.Save(Path.Combine(dir, "again"), net, Checkpoint.ReadManifest(Trained.Value));
            var (_, again) = Checkpoint.Load(Path.Combine(dir, "again"));
            using (again) TestRuns.AssertSameWeights(net, again);
            Assert.Equal(Checkpoint.ReadManifest(Trained.Value).WeightsSha256, manifest.WeightsSha256);
        }
        using var a = WorldModel.Load(Trained.Value);
        using var b = WorldModel.Load(Trained.Value);
        var frames = Enumerable.Range(0, 3).Select(t => corpus.Episodes[0].Frame(t).ToArray()).ToArray();
        using var sa = a.Begin(frames, SimulatorTestExtensions.Acts(-1, 1, 2), 3);
        using var sb = b.Begin(frames, SimulatorTestExtensions.Acts(-1, 1, 2), 3);
        for (var i = 0; i < 3; i++) Assert.Equal(a.StepFrames([sa], i)[0], b.StepFrames([sb], i)[0]);
    }

    [Fact]
    public void Manifest_records_config_actions_spec_and_weights_hash()
    {
        var m = Checkpoint.ReadManifest(Trained.Value);
        Assert.Equal(CheckpointManifest.CurrentModelVersion, m.ModelVersion);
        Assert.Equal(SyntheticData.Actions, m.World.Actions!.Names);
        Assert.Equal(16, m.Observation.Height);
        Assert.Equal(64, m.WeightsSha256.Length);
        Assert.Equal(6, m.TokenizerSteps);
        Assert.Equal(6, m.DynamicsSteps);
        Assert.Contains("val_tf_psnr", m.Validation.Keys);
    }

    [Fact]
    public void A_flipped_byte_is_reported_as_a_hash_mismatch()
    {
        var dir = Copy();
        var path = Path.Combine(dir, Checkpoint.WeightsName);
        var bytes = File.ReadAllBytes(path);
        bytes[^10] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("sha256", LoadError(dir));
    }

    [Fact]
    public void A_truncated_file_is_reported_as_truncated()
    {
        var dir = Copy();
        var path = Path.Combine(dir, Checkpoint.WeightsName);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        Assert.Contains("truncated", LoadError(dir));
    }

    [Fact]
    public void A_config_that_does_not_match_the_weights_names_the_tensor_and_both_shapes()
    {
        var dir = Copy();
        EditConfig(dir, "dynamics", "width", 64);
        var message = LoadError(dir);
        Assert.Matches(@"^model\.safetensors: tensor \S+ has shape \[[0-9,]+\], expected \[[0-9,]+\]$", message);
    }

    [Fact]
    public void Missing_and_extra_tensors_are_errors()
    {
        var deeper = Copy();
        EditConfig(deeper, "dynamics", "depth", 3);
        Assert.Contains("is missing", LoadError(deeper));
        var shallower = Copy();
        EditConfig(shallower, "dynamics", "depth", 1);
        Assert.Contains("unexpected tensor", LoadError(shallower));
    }

    [Fact]
    public void A_checkpoint_from_before_stream_calibration_loads_with_raw_unit_heads()
    {
        var corpus = SyntheticData.MovingSquare(2, 8, state: true);
        var cfg = TestRuns.Tiny(streamHeads: ["state"]);
        TorchSharp.torch.manual_seed(5);
        using var net = new WorldModelNetwork(cfg, corpus.World);
        var (_, head) = net.StreamHeads.Single();
        head.Calibrate([0.5f, -2f], [0.1f, 4f]);
        var dir = TestRuns.TempDir();
        var weights = Path.Combine(dir, Checkpoint.WeightsName);
        SafetensorsFile.Write(weights, net.state_dict().Where(kv => !StreamHead.IsCalibration(kv.Key)).Select(kv => (kv.Key, kv.Value)));
        var manifest = TestRuns.ManifestFor(cfg, corpus) with { WeightsSha256 = Orrery.Core.IO.Checksums.Sha256File(weights) };
        File.WriteAllText(Path.Combine(dir, Checkpoint.ManifestName), JsonSerializer.Serialize(manifest, ConfigOverrides.Json));

        var (_, old) = Checkpoint.Load(dir);
        using var _ = old;
        using var again = new WorldModelNetwork(cfg, corpus.World);
        Assert.Equal(again.state_dict().Keys.Where(StreamHead.IsCalibration).Order(), Checkpoint.LoadWeights(dir, manifest, again).Order());
        var loaded = old.state_dict();
        foreach (var (name, tensor) in net.state_dict().Where(kv => !StreamHead.IsCalibration(kv.Key)))
            Assert.True(tensor.equal(loaded[name]).all().item<bool>(), $"{name} differs");
        var calibration = loaded.Where(kv => StreamHead.IsCalibration(kv.Key)).ToDictionary(kv => kv.Key.Split('.')[^1], kv => kv.Value.data<float>().ToArray());
        Assert.Equal([0f, 0f], calibration["center"]);
        Assert.Equal([1f, 1f], calibration["scale"]);
    }

    [Fact]
    public void A_missing_manifest_is_a_clear_error()
    {
        var dir = Copy();
        File.Delete(Path.Combine(dir, Checkpoint.ManifestName));
        Assert.Contains("manifest.json: missing", LoadError(dir));
    }

    private static void EditConfig(string dir, string section, string field, int value)
    {
        var path = Path.Combine(dir, Checkpoint.ManifestName);
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        root["config"]![section]![field] = value;
        File.WriteAllText(path, root.ToJsonString());
    }

    [Theory]
    [InlineData("maze-v1", DynamicsHead.Regression)]
    [InlineData("maze-v2", DynamicsHead.Categorical)]
    [InlineData("reach-v1", DynamicsHead.Regression)]   // stream heads from before their calibration
    [InlineData("push-v1", DynamicsHead.Regression)]
    public void The_shipped_models_load_and_their_manifests_read_back_to_the_same_json(string model, DynamicsHead head)
    {
        var dir = ShippedModel(model);
        var (manifest, network) = Checkpoint.Load(dir);
        using var _ = network;

        Assert.Equal((head, NumericPrecision.Bf16), (manifest.Config.Dynamics.Head, manifest.Config.Train.DynamicsPrecision));
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, Checkpoint.ManifestName)));
        var written = JsonSerializer.SerializeToNode(manifest, ConfigOverrides.Json);
        Assert.True(JsonNode.DeepEquals(file, written), $"{dir}: the manifest does not write back as it was read");
    }

    /// <summary>A checkpoint in the repository's models/ folder, found above the test's output folder.</summary>
    private static string ShippedModel(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Orrery.slnx"))) return Path.Combine(dir.FullName, "models", name);
        throw new InvalidOperationException($"no Orrery.slnx above {AppContext.BaseDirectory}");
    }
}
