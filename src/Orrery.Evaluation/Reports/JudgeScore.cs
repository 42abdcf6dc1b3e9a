namespace Orrery.Evaluation.Reports;

/// <summary>
/// A classifier two-sample test's outcome: the judge's accuracy on held-out frames (balanced classes, so 0.5 means the
/// two kinds cannot be told apart), its binomial standard error, and the frames per class it trained and scored on.
/// </summary>
public sealed record JudgeScore(double Accuracy, double StandardError, int TrainPerClass, int TestPerClass);
