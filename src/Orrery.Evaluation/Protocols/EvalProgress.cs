namespace Orrery.Evaluation.Protocols;

/// <summary>Progress callback of the protocols: (stage title, done, total, unit). The CLI turns it into bars.</summary>
public delegate void EvalProgress(string stage, double done, double total, string unit);
