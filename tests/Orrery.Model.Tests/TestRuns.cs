using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Training;

namespace Orrery.Model.Tests;

/// <summary>Shared set-ups: tiny configs, temporary run folders and short trainings.</summary>
public static class TestRuns
{
    /// <summary>
    /// The tiny preset with short stages; streamHeads null leaves them to the trainer (every stream of the data). A
    /// categorical head gets the quantized tokenizer it needs: 3 channels of 4 levels, 64 codes.
    /// </summary>
    public static ModelConfig Tiny(int tokenizerSteps = 20, int dynamicsSteps = 20, DynamicsHead head = DynamicsHead.Regression, IReadOnlyList<string>? streamHeads = null) => Presets.Tiny with
    {
        Tokenizer = head == DynamicsHead.Categorical ? Presets.Tiny.Tokenizer with { LatentChannels = 3, Levels = [4, 4, 4] } : Presets.Tiny.Tokenizer,
        Dynamics = Presets.Tiny.Dynamics with { Head = head, StreamHeads = streamHeads },
        Train = Presets.Tiny.Train with { TokenizerSteps = tokenizerSteps, DynamicsSteps = dynamicsSteps, ValidateEvery = 1000, SaveEvery = 1000 },
    };

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "orrery-model-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Trains a tiny model on the moving square and returns its checkpoint folder.</summary>
    public static string TrainTiny(DynamicsHead head = DynamicsHead.Regression, int steps = 20)
    {
        var corpus = SyntheticData.MovingSquare(3, 12);
        var dir = TempDir();
        using var trainer = new Trainer(Tiny(steps, steps, head), corpus, null, dir, new TrainOptions { WriteMetrics = false, Threads = 1 });
        return trainer.Run().CheckpointDir;
    }

    public static CheckpointManifest ManifestFor(ModelConfig cfg, TrainingCorpus corpus) => new()
    {
        Config = cfg with { Dynamics = cfg.Dynamics with { StreamHeads = cfg.Dynamics.StreamHeads ?? [] } }, World = corpus.World, Head = cfg.Dynamics.Head, WeightsSha256 = "in-memory",
    };

    public static void AssertSameWeights(TorchSharp.torch.nn.Module a, TorchSharp.torch.nn.Module b)
    {
        var sa = a.state_dict();
        var sb = b.state_dict();
        Assert.Equal(sa.Keys, sb.Keys);
        foreach (var (name, t) in sa)
            Assert.True(t.equal(sb[name]).all().item<bool>(), $"{name} differs");
    }

    /// <summary>A copy of a checkpoint whose manifest sets one inference setting of dynamics (the weights are the same).</summary>
    public static string WithDynamics(string checkpoint, string setting, System.Text.Json.Nodes.JsonNode value)
    {
        var dir = TempDir();
        File.Copy(Path.Combine(checkpoint, "model.safetensors"), Path.Combine(dir, "model.safetensors"));
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(checkpoint, "manifest.json")))!;
        manifest["config"]!["dynamics"]![setting] = value;
        File.WriteAllText(Path.Combine(dir, "manifest.json"), manifest.ToJsonString());
        return dir;
    }
}
