using System.Text.Json.Nodes;
using Json.Schema;
using Orrery.Core.Spaces;
using Orrery.Evaluation.InverseDynamics;
using Orrery.Evaluation.Protocols;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Tests.Protocols;

public class EnvironmentEvaluationTests
{
    /// <summary>Small settings: every protocol runs, in a few seconds, on the real maze.</summary>
    internal static EnvironmentEvalOptions Tiny(string cache) => new()
    {
        CacheRoot = cache, Worlds = [0], UnseenWorlds = [7], Episodes = 2, Horizons = [1, 4, 8], Context = 2, StabilityFrames = 40,
        LoopDurations = [2.5], LoopWorlds = 1, TeacherForcedFrames = 8,
        Idm = new IdmOptions { Pairs = 200, Epochs = 1, Width = 8, EpisodeLength = 50 },
    };

    [Fact]
    public void Eval_report_of_every_protocol_validates_against_the_published_schema()
    {
        var cache = Path.Combine(Path.GetTempPath(), $"orrery-eval-cache-{Guid.NewGuid():N}");
        try
        {
            var model = new JitteredCopy(new ObservationSpec(64, 64, 3));
            var result = EnvironmentEvaluation.Run(model, f => f, new ModelInfo("models/test", new string('0', 64), "test"), "orrery eval --test",
                                                   Tiny(cache));
            var json = EvalJson.Serialize(result.Report);
            AssertValid(json);
            Assert.Equal(2, result.Report.Fidelity!.Seen.Episodes);
            Assert.Equal(4, result.Report.Fidelity.Seen.Predictors.Count);
            Assert.NotNull(result.Report.Fidelity.Unseen);
            Assert.Equal(2, result.Report.Stability!.Count);
            Assert.Single(result.Report.LoopClosure!.Corridor);
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void Eval_of_a_tiny_world_model_validates_against_the_schema()
    {
        var cache = Path.Combine(Path.GetTempPath(), $"orrery-eval-cache-{Guid.NewGuid():N}");
        try
        {
            using var model = TinyCheckpoint.Load();
            var options = Tiny(cache) with { UnseenWorlds = [], LoopDurations = [], StabilityFrames = 12, Idm = null };
            var result = EnvironmentEvaluation.Run(new WorldModelPredictor(model), model.Reconstruct, ModelInfo.Of(TinyCheckpoint.Dir, model),
                                                   "orrery eval --test", options);
            AssertValid(EvalJson.Serialize(result.Report));
            Assert.All(result.Report.Stability!, s => Assert.All(s.Trace, t => Assert.NotNull(t.ReconstructionMse)));
            Assert.Equal(model.Manifest.WeightsSha256, result.Report.Model.WeightsSha256);
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void Same_seed_gives_identical_eval_json()
    {
        var options = Tiny("unused") with { Idm = null, Seed = 4 };
        string Run() => EvalJson.Serialize(EnvironmentEvaluation.Run(new JitteredCopy(new ObservationSpec(64, 64, 3)), null,
                                                                     new ModelInfo("m", "0", null), "x", options).Report);
        var first = Run();
        Assert.Equal(first, Run());
        Assert.NotEqual(first, EvalJson.Serialize(EnvironmentEvaluation.Run(new JitteredCopy(new ObservationSpec(64, 64, 3)), null,
                                                                            new ModelInfo("m", "0", null), "x", options with { Seed = 5 }).Report));
    }

    [Fact]
    public void A_report_with_a_nan_fails_the_schema()
    {
        var report = new EvalReport
        {
            Protocol = "video", Command = "x", Model = new ModelInfo("m", "0", null), Settings = new EvalSettings { Context = 1 },
            VideoPrediction = new VideoPredictionReport(1, 1, 1, [new VideoPredictorScore("model", double.NaN, 1, 0, 0, [1], [1])]),
        };
        Assert.False(Validate(EvalJson.Serialize(report)).IsValid);
    }

    internal static void AssertValid(string json)
    {
        var result = Validate(json);
        var errors = result.Details.Where(d => d.Errors is not null)
                           .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors));
    }

    private static EvaluationResults Validate(string json)
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "eval.schema.json")));
        return schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    /// <summary>A stand-in world model: the last frame with a deterministic brightness wobble per step.</summary>
    private sealed class JitteredCopy(ObservationSpec spec) : IFramePredictor
    {
        public string Name => "model";

        public ObservationSpec Spec => spec;

        public PredictorState Begin(IReadOnlyList<byte[]> contextFrames, IReadOnlyList<int> contextActions, long seed) =>
            new State { Frame = contextFrames[^1].ToArray() };

        public IReadOnlyList<byte[]> Step(IReadOnlyList<PredictorState> states, IReadOnlyList<int> actions) =>
            states.Select((s, i) =>
            {
                var st = (State)s;
                st.Frame = st.Frame.Select(v => (byte)Math.Clamp(v + (actions[i] - 3), 0, 255)).ToArray();
                return st.Frame;
            }).ToArray();

        public IReadOnlyList<byte[]> TeacherForced(IReadOnlyList<byte[]> frames, IReadOnlyList<int> actions) => frames.Take(frames.Count - 1).ToArray();

        private sealed class State : PredictorState
        {
            public byte[] Frame { get; set; } = [];
        }
    }
}
