using Orrery.Evaluation.Metrics;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Protocols;

/// <summary>
/// Next-frame prediction from real frames only (no drift): each predictor's TeacherForced output on the first
/// <c>maxFrames</c> frames of each recorded episode, scored against the real next frame.
/// </summary>
public static class TeacherForcedProtocol
{
    public static IReadOnlyList<PredictorScore> Run(IReadOnlyList<Rollout> recorded, IReadOnlyList<IFramePredictor> predictors, int maxFrames,
                                                    EvalProgress? progress = null)
    {
        var spec = recorded[0].Spec;
        var scores = new List<PredictorScore>();
        foreach (var predictor in predictors)
        {
            var psnr = new List<double>();
            var ssim = new List<double>();
            var done = 0;
            foreach (var r in recorded)
            {
                var frames = r.Truth.Take(maxFrames).ToArray();
                var predicted = predictor.TeacherForced(frames, r.Actions.Take(frames.Length).ToArray());
                var offset = frames.Length - predicted.Count;
                for (var i = 0; i < predicted.Count; i++)
                {
                    psnr.Add(Psnr.Compute(predicted[i], frames[offset + i]));
                    ssim.Add(Ssim.Compute(predicted[i], frames[offset + i], spec, SsimWindow.Gaussian));
                }
                progress?.Invoke($"teacher-forced: {predictor.Name}", ++done, recorded.Count, "episodes");
            }
            scores.Add(new PredictorScore(predictor.Name, MeanStd.Of(psnr), MeanStd.Of(ssim)));
        }
        return scores;
    }
}
