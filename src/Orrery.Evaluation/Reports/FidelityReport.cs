namespace Orrery.Evaluation.Reports;

/// <summary>Open-loop fidelity: after C real frames, only actions; scored at each horizon, seen and unseen worlds apart.</summary>
public sealed record FidelityReport(GroupFidelity Seen, GroupFidelity? Unseen);

/// <summary>Fidelity on one group of worlds, for the model and each baseline.</summary>
public sealed record GroupFidelity(IReadOnlyList<int> Worlds, int Episodes, IReadOnlyList<PredictorFidelity> Predictors,
                                   IReadOnlyList<EpisodeScore> ModelEpisodes);

/// <summary>One predictor's scores at each horizon (horizon h = the h-th generated frame).</summary>
public sealed record PredictorFidelity(string Name, IReadOnlyList<HorizonScore> Horizons);

/// <summary>PSNR (dB, capped at 100) and Gaussian SSIM over episodes, and each predicted stream's error, at one horizon.</summary>
public sealed record HorizonScore(int Horizon, MeanStd Psnr, MeanStd Ssim, IReadOnlyDictionary<string, StreamScore> Streams);

/// <summary>The model's mean PSNR over all generated frames of one episode (used to pick the best and worst).</summary>
public sealed record EpisodeScore(int World, int Seed, double MeanPsnr);
