namespace Orrery.Evaluation.Reports;

/// <summary>
/// Plausibility: how well a small judge tells the world's real frames from the model's at the same point of many
/// rollouts (0.5 = indistinguishable). Each point scores frames Frame..Frame+Window-1 of Rollouts rollouts per policy,
/// against the frames of as many real episodes with other seeds. Calibration shows the same judge on real frames
/// against other real frames (it should be near 0.5) and against blurred, smeared and striped real frames (far above).
/// </summary>
public sealed record PlausibilityReport(int Rollouts, int Window, IReadOnlyList<PlausibilityPoint> Points, IReadOnlyList<JudgeCalibration> Calibration);

/// <summary>The judge's accuracy on the model's frames at one point of the rollouts of one policy.</summary>
public sealed record PlausibilityPoint(string Policy, int Frame, JudgeScore Judge);

/// <summary>The judge's accuracy on real frames against <paramref name="Against"/>, built from real frames of one point.</summary>
public sealed record JudgeCalibration(string Against, string Policy, int Frame, JudgeScore Judge);
