namespace Orrery.Evaluation.Reports;

/// <summary>
/// The action-free video-prediction protocol: C context frames, H predicted frames per sequence; SSIM is the
/// scikit-image variant (7x7 uniform window, sample covariance), MSE and MAE are summed over a frame's pixels and
/// averaged over frames and sequences.
/// </summary>
public sealed record VideoPredictionReport(int Sequences, int Context, int Horizon, IReadOnlyList<VideoPredictorScore> Predictors);

/// <summary>One predictor's averages over all predicted frames, PSNR/SSIM at each step 1..H, and each predicted stream's error.</summary>
public sealed record VideoPredictorScore(string Name, double Psnr, double Ssim, double Mse, double Mae,
                                         IReadOnlyList<double> PsnrPerStep, IReadOnlyList<double> SsimPerStep,
                                         IReadOnlyDictionary<string, StreamScore> Streams);
