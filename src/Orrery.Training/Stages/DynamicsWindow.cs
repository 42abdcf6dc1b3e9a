using Orrery.Core.Errors;
using Orrery.Model.Configs;

namespace Orrery.Training.Stages;

/// <summary>The window of latents a dynamics or decoder step samples: K context frames, the next one, and E extra rollout frames.</summary>
public static class DynamicsWindow
{
    public static int Length(ModelConfig config) => config.Dynamics.ContextFrames + 1 + config.Train.RolloutExtraFrames;

    /// <summary>Fails before any training when no episode is long enough for one window.</summary>
    public static void Require(ModelConfig config, TrainingCorpus corpus)
    {
        var length = Length(config);
        if (corpus.Windows(length).Count == 0)
            throw new OrreryException($"no episode has {length} frames for a dynamics window (dynamics.contextFrames + 1 + train.rolloutExtraFrames); use a shorter context, fewer extra rollout frames or longer episodes");
    }
}
