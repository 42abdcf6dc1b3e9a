namespace Orrery.Evaluation.Reports;

/// <summary>One predicted stream against the truth: mean absolute error over its values, in the stream's unit.</summary>
public sealed record StreamScore(double Mae);
