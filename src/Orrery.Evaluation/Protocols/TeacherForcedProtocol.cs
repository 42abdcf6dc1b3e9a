using Orrery.Core.Simulation;
using Orrery.Evaluation.Metrics;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Protocols;

/// <summary>
/// Next-frame prediction from real frames only (no drift): each simulator's <see cref="TeacherForcing"/> predictions on
/// the first <c>maxFrames</c> frames of each recorded episode, from its own K real frames, scored against the real next frame.
/// </summary>
public static class TeacherForcedProtocol
{
    /// <summary>Scores each simulator given with its context K (a WorldModel's ContextFrames; the baselines' a chosen window).</summary>
    public static IReadOnlyList<PredictorScore> Run(IReadOnlyList<Rollout> recorded, IReadOnlyList<(ISimulator Simulator, int Context)> simulators,
                                                    int maxFrames, EvalProgress? progress = null)
    {
        var spec = recorded[0].Spec;
        var scores = new List<PredictorScore>();
        foreach (var (simulator, context) in simulators)
        {
            var psnr = new List<double>();
            var ssim = new List<double>();
            var done = 0;
            foreach (var r in recorded)
            {
                var frames = r.Truth.Take(maxFrames).ToArray();
                var predicted = TeacherForcing.Predict(simulator, context, frames, r.Actions.Take(frames.Length).ToArray());
                var offset = frames.Length - predicted.Count;
                for (var i = 0; i < predicted.Count; i++)
                {
                    psnr.Add(Psnr.Compute(predicted[i].Frame, frames[offset + i].Frame));
                    ssim.Add(Ssim.Compute(predicted[i].Frame, frames[offset + i].Frame, spec, SsimWindow.Gaussian));
                }
                progress?.Invoke($"teacher-forced: {simulator.Name}", ++done, recorded.Count, "episodes");
            }
            scores.Add(new PredictorScore(simulator.Name, MeanStd.Of(psnr), MeanStd.Of(ssim)));
        }
        return scores;
    }
}
