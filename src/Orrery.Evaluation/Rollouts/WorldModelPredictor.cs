using Orrery.Core.Spaces;
using Orrery.Model;

namespace Orrery.Evaluation.Rollouts;

/// <summary>The world model seen as a predictor ("model" in reports). It does not own the model.</summary>
public sealed class WorldModelPredictor(WorldModel model) : IFramePredictor
{
    public string Name => "model";

    public ObservationSpec Spec => model.Spec;

    public WorldModel Model => model;

    public PredictorState Begin(IReadOnlyList<byte[]> contextFrames, IReadOnlyList<int> contextActions, long seed) =>
        new State(model.Begin(contextFrames, contextActions, seed));

    public IReadOnlyList<byte[]> Step(IReadOnlyList<PredictorState> states, IReadOnlyList<int> actions) =>
        model.Step(states.Select(s => ((State)s).Rollout).ToArray(), actions);

    public IReadOnlyList<byte[]> TeacherForced(IReadOnlyList<byte[]> frames, IReadOnlyList<int> actions) => model.TeacherForced(frames, actions);

    private sealed class State(RolloutState rollout) : PredictorState
    {
        public RolloutState Rollout { get; } = rollout;

        public override void Dispose()
        {
            Rollout.Dispose();
            base.Dispose();
        }
    }
}
