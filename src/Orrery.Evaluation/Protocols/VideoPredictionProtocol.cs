using Orrery.Core.Simulation;
using Orrery.Evaluation.Metrics;
using Orrery.Evaluation.Reports;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Protocols;

/// <summary>
/// The action-free video-prediction protocol on a dataset: the first C frames of each sequence as context, the next H
/// predicted with the recorded actions (unknown in action-free data). PSNR (data range 1), SSIM with the scikit-image
/// variant (<see cref="SsimWindow.Uniform7"/>), MSE/MAE summed per frame, all averaged over frames and sequences; each
/// predicted stream's mean absolute error over the same frames.
/// </summary>
public static class VideoPredictionProtocol
{
    public static VideoPredictionReport Run(IReadOnlyList<Rollout> sequences, IReadOnlyList<ISimulator> predictors, int horizon, long modelSeed,
                                            EvalProgress? progress = null)
    {
        var spec = sequences[0].Spec;
        var context = sequences[0].Context;
        var scores = new List<VideoPredictorScore>();
        foreach (var predictor in predictors)
        {
            var generated = Replay.Run(predictor, sequences, modelSeed, d => progress?.Invoke($"video prediction: {predictor.Name}", d, horizon, "frames"));
            var psnr = new double[horizon];
            var ssim = new double[horizon];
            double mse = 0, mae = 0;
            foreach (var r in generated)
                for (var h = 0; h < horizon; h++)
                {
                    var t = context + h;
                    byte[] predicted = r.Generated[t].Frame, truth = r.Truth[t].Frame;
                    psnr[h] += Psnr.Compute(predicted, truth);
                    ssim[h] += Ssim.Compute(predicted, truth, spec, SsimWindow.Uniform7);
                    mse += PixelError.FrameSquared(predicted, truth);
                    mae += PixelError.FrameAbsolute(predicted, truth);
                }
            var n = (double)generated.Count;
            scores.Add(new VideoPredictorScore(predictor.Name, psnr.Sum() / (n * horizon), ssim.Sum() / (n * horizon), mse / (n * horizon),
                                               mae / (n * horizon), psnr.Select(p => p / n).ToArray(), ssim.Select(s => s / n).ToArray(),
                                               StreamError.Of(generated.SelectMany(r => Enumerable.Range(context, horizon).Select(t => (r.Generated[t].Streams, r.Truth[t].Streams))))));
        }
        return new VideoPredictionReport(sequences.Count, context, horizon, scores);
    }
}
