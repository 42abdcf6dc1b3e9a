using System.Text.Json.Nodes;
using Json.Schema;
using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments;
using Orrery.Evaluation.InverseDynamics;
using Orrery.Evaluation.Protocols;
using Orrery.Evaluation.Reports;

namespace Orrery.Evaluation.Tests.Protocols;

public class EnvironmentEvaluationTests
{
    /// <summary>Small settings: every protocol runs, in a few seconds, on the real maze.</summary>
    internal static EnvironmentEvalOptions Tiny(string cache) => new()
    {
        CacheRoot = cache, Worlds = [0], UnseenWorlds = [7], Episodes = 2, Horizons = [1, 4, 8], Context = 2, StabilityFrames = 40,
        LoopDurations = [2.5], LoopWorlds = 1, TeacherForcedFrames = 8,
        Idm = new IdmOptions { Pairs = 200, Epochs = 1, Width = 8, EpisodeLength = 50 },
        PlausibilityPoints = [6, 12], PlausibilityRollouts = 4, PlausibilityWindow = 2, Judge = new() { Steps = 4, Width = 4 },
    };

    [Fact]
    public void Eval_report_of_every_protocol_validates_against_the_published_schema()
    {
        var cache = Path.Combine(Path.GetTempPath(), $"orrery-eval-cache-{Guid.NewGuid():N}");
        try
        {
            using var model = new JitteredCopy();
            var result = EnvironmentEvaluation.Run(model, 2, f => f, new ModelInfo("models/test", new string('0', 64), "test"), "orrery eval --test",
                                                   Tiny(cache));
            var json = EvalJson.Serialize(result.Report);
            AssertValid(json);
            Assert.Equal(2, result.Report.Fidelity!.Seen.Episodes);
            Assert.Equal(4, result.Report.Fidelity.Seen.Predictors.Count);
            Assert.NotNull(result.Report.Fidelity.Unseen);
            Assert.Equal(2, result.Report.Stability!.Count);
            Assert.Single(result.Report.LoopClosure!.Corridor);
            Assert.Single(result.Report.LoopClosure.TurnAwayAndBack);
            Assert.Equal([7], result.Report.LoopClosure.MemoryWorlds);
            Assert.All(result.Report.LoopClosure.Turn360, l => Assert.NotNull(l.JudgedReal));
            Assert.Equal(4, result.Report.Plausibility!.Points.Count);
            Assert.Equal(4, result.Report.Plausibility.Calibration.Count);
            Assert.Null(result.Report.Skipped);
            Assert.Equal(["model", "copy-last", "mean-frame", "unknown-action"], result.Report.Fidelity.Seen.Predictors.Select(p => p.Name));
            Assert.All(result.Report.Fidelity.Seen.Predictors[0].Horizons, h => Assert.Empty(h.Streams));
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
            var result = EnvironmentEvaluation.Run(model, model.ContextFrames, model.Reconstruct, ModelInfo.Of(TinyCheckpoint.Dir, model),
                                                   "orrery eval --test", options);
            AssertValid(EvalJson.Serialize(result.Report));
            Assert.All(result.Report.Stability!, s => Assert.All(s.Trace, t => Assert.NotNull(t.ReconstructionMse)));
            Assert.Equal(model.Manifest.WeightsSha256, result.Report.Model.WeightsSha256);
            var predictors = result.Report.Fidelity!.Seen.Predictors;
            Assert.Equal(model.Name, predictors[0].Name);
            // The model has a reward head, so it and the baselines that answer streams are scored on the reward; mean-frame answers none.
            Assert.All(predictors.Where(p => p.Name != "mean-frame"), p => Assert.All(p.Horizons, h => Assert.True(h.Streams[StreamNames.Reward].Mae >= 0)));
            Assert.All(predictors.Single(p => p.Name == "mean-frame").Horizons, h => Assert.Empty(h.Streams));
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
        string Run(EnvironmentEvalOptions o)
        {
            using var model = new JitteredCopy();
            return EvalJson.Serialize(EnvironmentEvaluation.Run(model, 2, null, new ModelInfo("m", "0", null), "x", o).Report);
        }
        var first = Run(options);
        Assert.Equal(first, Run(options));
        Assert.NotEqual(first, Run(options with { Seed = 5 }));
    }

    [Fact]
    public void A_report_with_a_nan_fails_the_schema()
    {
        var report = new EvalReport
        {
            Protocol = "video", Command = "x", Model = new ModelInfo("m", "0", null), Settings = new EvalSettings { Context = 1 },
            VideoPrediction = new VideoPredictionReport(1, 1, 1, [new VideoPredictorScore("model", double.NaN, 1, 0, 0, [1], [1], new Dictionary<string, StreamScore>())]),
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

    /// <summary>A stand-in world model: the last frame with a deterministic brightness wobble per action, and no streams.</summary>
    private sealed class JitteredCopy : ISimulator
    {
        public string Name => "model";

        public string IdentityHash => "jittered-copy";

        public WorldSpec World { get; } = EnvironmentRegistry.Create("maze", 0).Spec;

        public int ContextFrames => 1;

        public SimulatorState Begin(SimulatorStart start) => new State(start.Context[^1].Frame.ToArray(), start.Context.Count - 1);

        public IReadOnlyList<Observation> Step(IReadOnlyList<SimulatorState> states, IReadOnlyList<ActionVector> actions) =>
            states.Select((s, i) => new Observation(((State)s).Advance(actions[i]), StreamValues.Empty)).ToArray();

        // The protocols never fork or save a rollout.
        public SimulatorState Fork(SimulatorState state) => throw new NotSupportedException();

        public void Save(SimulatorState state, Stream stream) => throw new NotSupportedException();

        public SimulatorState Restore(Stream stream) => throw new NotSupportedException();

        public void Dispose() { }

        private sealed class State(byte[] frame, long index) : SimulatorState
        {
            public override long FrameIndex => index;

            public byte[] Advance(ActionVector action)
            {
                frame = frame.Select(v => (byte)Math.Clamp(v + (action.Index - 3), 0, 255)).ToArray();
                index++;
                return frame;
            }
        }
    }
}
